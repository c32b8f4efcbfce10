using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CreditRisk.Tests.Ingestion.IngestionInputs;

namespace CreditRisk.Tests.Ingestion;

public sealed class IngestionValidatorTests
{
    private static IngestionValidator Validator(IngestionOptions? options = null) =>
        new(Options.Create(options ?? new IngestionOptions()), new FakeTimeProvider(Now));

    private static IReadOnlyList<string> Fields<T>(ValidatedItem<T> result)
        where T : class => [.. result.Errors.Select(e => e.Field)];

    [Theory]
    [InlineData("th-TH")]
    [InlineData("de-DE")]
    public void Validate_UnderAnotherServerCulture_MessagesKeepTheDocumentedDatesAndDecimalPoint(string culture)
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(culture);
        try
        {
            var validator = Validator(new IngestionOptions { MaxAmount = 2500.5m });

            var early = validator.Validate(Transaction() with { Timestamp = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero) }, 0);
            var large = validator.Validate(Transaction() with { Amount = 3000m }, 0);

            // A Thai server wrote the Buddhist year (2543-01-01), a German one 2500,5.
            Assert.Equal(["must not be before 2000-01-01", "must not exceed 2500.5"], early.Errors.Concat(large.Errors).Select(e => e.Message));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Validate_ValidTransaction_MapsToUtcMillisecondDomainRecord()
    {
        var input = Transaction() with
        {
            Type = "cash_withdrawal",
            Timestamp = new DateTimeOffset(2026, 3, 1, 15, 30, 0, TimeSpan.FromHours(5.5)).AddTicks(1_234_567),
        };

        var result = Validator().Validate(input, 7);

        Assert.True(result.IsValid);
        var tx = result.Value!;
        Assert.Equal(7, result.Index);
        Assert.Equal(TransactionType.CashWithdrawal, tx.Type);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, 123, TimeSpan.Zero), tx.Timestamp);
        Assert.Equal(TimeSpan.Zero, tx.Timestamp.Offset);
        Assert.Equal(Now, tx.ReceivedAt);
        Assert.Equal(1_250.50m, tx.Amount);
        Assert.Equal("5411", tx.MerchantCategory);
    }

    [Fact]
    public void Validate_EmptyTransaction_ReportsEveryRequiredFieldAtItsIndex()
    {
        var result = Validator().Validate(new TransactionInput(), 417);

        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal(["transactionId", "customerId", "timestamp", "amount", "type"], Fields(result));
        Assert.All(result.Errors, e => Assert.Equal(417, e.Index));
        Assert.All(result.Errors, e => Assert.Equal("is required", e.Message));
    }

    [Theory]
    [InlineData("541")]
    [InlineData("54111")]
    [InlineData("54a1")]
    [InlineData("٥٤١١")] // Arabic-Indic digits are digits to .NET's \d, not to ISO 18245.
    [InlineData("5411\n")]
    public void Validate_MalformedMerchantCategory_IsRefused(string mcc)
    {
        var result = Validator().Validate(Transaction() with { MerchantCategory = mcc }, 0);

        var error = Assert.Single(result.Errors);
        Assert.Equal("merchantCategory", error.Field);
        Assert.Equal("must be exactly 4 digits", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_MissingOptionalFields_AreStoredAsNull(string? empty)
    {
        var result = Validator().Validate(Transaction() with { MerchantCategory = empty, MerchantId = empty, Channel = empty }, 0);

        Assert.True(result.IsValid);
        Assert.Null(result.Value!.MerchantCategory);
        Assert.Null(result.Value.MerchantId);
        Assert.Null(result.Value.Channel);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1000000.01")]
    [InlineData("0.0000001")] // was accepted
    [InlineData("12.345678901234567890123456789")]
    public void Validate_AmountOutOfRange_IsRefused(string amount)
    {
        var result = Validator().Validate(Transaction() with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }, 0);

        Assert.Equal(["amount"], Fields(result));
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("12.500000")] // trailing zeros are the same amount
    [InlineData("0.125")] // three minor-unit digits (KWD, BHD)
    public void Validate_AmountInMinorUnits_IsAccepted(string amount)
    {
        Assert.True(Validator().Validate(Transaction() with { Amount = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }, 0).IsValid);
    }

    [Fact]
    public void Validate_StatementFiguresBelowTheMinorUnit_Refused()
    {
        var result = Validator().Validate(Statement() with { Balance = 42_000.0001m, AmountPaid = 0.00001m }, 0);

        Assert.Equal(["amountPaid", "balance"], Fields(result).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.Equal("must have at most 3 decimal places", e.Message));
    }

    [Fact]
    public void Validate_AmountAtConfiguredMaximum_IsAccepted()
    {
        var validator = Validator(new IngestionOptions { MaxAmount = 500m });

        Assert.True(validator.Validate(Transaction() with { Amount = 500m }, 0).IsValid);
        Assert.Equal(["amount"], Fields(validator.Validate(Transaction() with { Amount = 500.01m }, 0)));
    }

    [Fact]
    public void Validate_TimestampAtTheSkewLimit_IsAcceptedAndOneMillisecondLaterRefused()
    {
        var validator = Validator();

        Assert.True(validator.Validate(Transaction() with { Timestamp = Now.AddMinutes(5) }, 0).IsValid);
        var late = validator.Validate(Transaction() with { Timestamp = Now.AddMinutes(5).AddMilliseconds(1) }, 0);
        var error = Assert.Single(late.Errors);
        Assert.Equal("timestamp", error.Field);
        Assert.Contains("5 minutes in the future", error.Message);
    }

    [Fact]
    public void Validate_ZeroSkewConfigured_RefusesAnyFutureTimestamp()
    {
        var validator = Validator(new IngestionOptions { MaxFutureSkew = TimeSpan.Zero });

        Assert.Equal(["timestamp"], Fields(validator.Validate(Transaction() with { Timestamp = Now.AddSeconds(1) }, 0)));
    }

    [Theory]
    [InlineData("CashWithdrawal")]
    [InlineData("cash withdrawal")]
    [InlineData("PURCHASE")]
    [InlineData("chargeback")]
    public void Validate_UnknownType_IsRefusedListingTheKnownNames(string type)
    {
        var result = Validator().Validate(Transaction() with { Type = type }, 0);

        var error = Assert.Single(result.Errors);
        Assert.Equal("type", error.Field);
        Assert.Contains("cash_withdrawal", error.Message);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/id")]
    [InlineData("tx\n")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_MalformedTransactionId_IsRefused(string id)
    {
        Assert.Equal(["transactionId"], Fields(Validator().Validate(Transaction() with { TransactionId = id }, 0)));
    }

    [Fact]
    public void Validate_IdWithEveryAllowedCharacter_IsAccepted()
    {
        Assert.True(Validator().Validate(Transaction() with { TransactionId = "Ab9-_.:z" }, 0).IsValid);
    }

    [Theory]
    [InlineData("+919812345678", true)]
    [InlineData("+12025550123", true)]
    [InlineData("919812345678", false)]
    [InlineData("+0919812345", false)]
    [InlineData("+1234567", false)]
    [InlineData("+1234567890123456", false)]
    [InlineData("+91 98123 45678", false)]
    [InlineData("+919812345678\n", false)]
    public void Validate_Phone_MustBeE164(string phone, bool valid)
    {
        var result = Validator().Validate(Customer() with { Phone = phone }, 0);

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal(["phone"], Fields(result));
        }
    }

    [Fact]
    public void Validate_ValidCustomer_RecordsOptInTimeAndTrimsName()
    {
        var result = Validator().Validate(Customer() with { FullName = "  Anita Rao " }, 0);

        Assert.True(result.IsValid);
        Assert.Equal("Anita Rao", result.Value!.FullName);
        Assert.True(result.Value.WhatsAppOptIn);
        Assert.Equal(Now, result.Value.WhatsAppOptInAt);
        Assert.Equal(Now, result.Value.CreatedAt);
    }

    [Fact]
    public void Validate_CustomerWithoutOptIn_HasNoOptInTime()
    {
        var result = Validator().Validate(Customer() with { WhatsappOptIn = null }, 0);

        Assert.False(result.Value!.WhatsAppOptIn);
        Assert.Null(result.Value.WhatsAppOptInAt);
    }

    [Fact]
    public void Validate_CustomerWithBadValues_ReportsEachField()
    {
        var input = Customer() with
        {
            FullName = new string('x', IngestionValidator.MaxNameLength + 1),
            CreditLimit = -1m,
            OpenedOn = DateOnly.FromDateTime(Now.UtcDateTime).AddDays(2),
        };

        Assert.Equal(["fullName", "creditLimit", "openedOn"], Fields(Validator().Validate(input, 0)));
    }

    [Fact]
    public void Validate_ValidStatement_MapsWithNaturalKey()
    {
        var result = Validator().Validate(Statement(), 0);

        Assert.True(result.IsValid);
        Assert.Equal(CreditRisk.Core.Statements.Statement.KeyFor("C-1", new DateOnly(2026, 2, 1)), result.Value!.Id);
        Assert.Equal(Now, result.Value.ReceivedAt);
    }

    [Fact]
    public void Validate_MinimumDueAboveBalance_IsRefused()
    {
        var result = Validator().Validate(Statement() with { Balance = 1_000m, MinimumDue = 1_000.01m }, 0);

        Assert.Equal(["minimumDue"], Fields(result));
    }

    [Fact]
    public void Validate_CreditBalance_AllowsOnlyZeroMinimumDue()
    {
        var validator = Validator();

        Assert.True(validator.Validate(Statement() with { Balance = -50m, MinimumDue = 0m }, 0).IsValid);
        Assert.True(validator.Validate(Statement() with { Balance = -50m, MinimumDue = null }, 0).IsValid);
        Assert.Equal(["minimumDue"], Fields(validator.Validate(Statement() with { Balance = -50m, MinimumDue = 5m }, 0)));
    }

    [Fact]
    public void Validate_StatementFiguresNoAccountHas_EachRefusedByName()
    {
        // Each was accepted and reached the customer's page or the risk API ("$79,228,162,514,264,337,593,543,950,335.00").
        var huge = 79_228_162_514_264_337_593_543_950_335m;
        var result = Validator().Validate(Statement() with
        {
            CreditLimit = huge,
            Balance = huge,
            AmountPaid = 1_000_000_000.01m,
            DueDate = new DateOnly(9999, 12, 31),
            PaidOn = new DateOnly(2026, 1, 31),
            DaysPastDue = int.MaxValue,
        }, 0);

        Assert.Equal(["amountPaid", "balance", "creditLimit", "daysPastDue", "dueDate", "paidOn"], Fields(result).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, e => e.Field == "balance" && e.Message == "must be between -1000000000 and 1000000000");
        Assert.Contains(result.Errors, e => e.Field == "daysPastDue" && e.Message == $"must be from 0 to {IngestionValidator.MaxDaysPastDue}");
        Assert.Contains(result.Errors, e => e.Field == "paidOn" && e.Message == "must be on or after the statement date");
    }

    [Fact]
    public void Validate_StatementAtTheBounds_Accepted()
    {
        var result = Validator().Validate(Statement() with
        {
            CreditLimit = 1_000_000_000m,
            Balance = -1_000_000_000m,
            MinimumDue = 0m,
            AmountPaid = 1_000_000_000m,
            DueDate = new DateOnly(2026, 2, 1).AddDays(IngestionValidator.MaxDaysToDueDate),
            PaidOn = new DateOnly(2026, 2, 1),
            DaysPastDue = IngestionValidator.MaxDaysPastDue,
        }, 0);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Validate_CustomerLimitPastTheBound_Refused()
    {
        var result = Validator().Validate(Customer() with { CreditLimit = 1e12m }, 0);

        Assert.Equal(["creditLimit"], Fields(result));
    }

    [Fact]
    public void Validate_StatementWithInconsistentValues_ReportsEachField()
    {
        var input = Statement() with
        {
            CreditLimit = null,
            DueDate = new DateOnly(2026, 1, 31),
            AmountPaid = -1m,
            DaysPastDue = -3,
        };

        Assert.Equal(["creditLimit", "dueDate", "amountPaid", "daysPastDue"], Fields(Validator().Validate(input, 0)));
    }

    [Theory]
    [InlineData("Asha\u0000Rao", "U+0000")]
    [InlineData("Asha\u0007Rao", "U+0007")]
    [InlineData("Asha \u202Eoar", "U+202E")]
    [InlineData("Asha\nRao", "U+000A")]
    [InlineData("\u2066Asha", "U+2066")]
    public void Validate_NameWithControlOrDirectionCharacters_RefusedNamingTheCharacter(string name, string code)
    {
        var result = Validator().Validate(Customer() with { FullName = name }, 0);

        var error = Assert.Single(result.Errors);
        Assert.Equal("fullName", error.Field);
        Assert.Contains(code, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Asha Rao")]
    [InlineData("José Ñúñez")]
    [InlineData("\u0936\u094D\u200D\u0930\u0940")] // Devanagari with a zero-width joiner: ordinary in Indic names
    public void Validate_OrdinaryNamesInAnyScript_Accepted(string name)
    {
        Assert.True(Validator().Validate(Customer() with { FullName = name }, 0).IsValid);
    }

    [Fact]
    public void Validate_ChannelWithControlCharacter_Refused()
    {
        var result = Validator().Validate(Transaction() with { Channel = "pos\u0000" }, 0);

        Assert.Equal("channel", Assert.Single(result.Errors).Field);
    }
}
