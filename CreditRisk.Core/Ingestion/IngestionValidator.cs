using System.Text.RegularExpressions;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using Microsoft.Extensions.Options;
using static System.FormattableString;

namespace CreditRisk.Core.Ingestion;

/// <summary>
/// Checks one input item on its own (no store look-ups) and maps it to its domain record. Knows nothing of HTTP
/// or CSV: callers pass the item's position, which comes back in every <see cref="IngestionError"/>.
/// Checks that need the whole batch or the store (duplicates, unknown customers) live in <see cref="IngestionService"/>.
/// </summary>
public sealed partial class IngestionValidator(IOptions<IngestionOptions> options, TimeProvider time)
{
    /// <summary>Longest accepted full name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest accepted channel, in characters.</summary>
    public const int MaxChannelLength = 32;

    // Nothing in a bank's books predates this; an earlier date is a default value or a typo.
    private static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>Latest due date after its statement: cards give 20–60 days; more is a feed error (9999-12-31 was taken).</summary>
    public const int MaxDaysToDueDate = 90;

    /// <summary>Most days past due a statement may say: ten years, long past any write-off (2,147,483,647 was taken).</summary>
    public const int MaxDaysPastDue = 3650;
    private static readonly DateTimeOffset EarliestTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Validates a transaction. <paramref name="now"/> defaults to the clock and becomes its accepted time.</summary>
    public ValidatedItem<Transaction> Validate(TransactionInput input, int index, DateTimeOffset? now = null)
    {
        var at = WireFormat.ToStoredPrecision(now ?? time.GetUtcNow());
        var limits = options.Value;
        var errors = new ErrorList(index);

        CheckId(errors, "transactionId", input.TransactionId);
        CheckId(errors, "customerId", input.CustomerId);

        if (input.Timestamp is not { } timestamp)
        {
            errors.Add("timestamp", "is required");
        }
        else if (timestamp > at + limits.MaxFutureSkew)
        {
            errors.Add("timestamp", $"must not be more than {Describe(limits.MaxFutureSkew)} in the future");
        }
        else if (timestamp < EarliestTimestamp)
        {
            errors.Add("timestamp", Invariant($"must not be before {EarliestTimestamp:yyyy-MM-dd}"));
        }

        if (input.Amount is not { } amount)
        {
            errors.Add("amount", "is required");
        }
        else if (amount <= 0)
        {
            errors.Add("amount", "must be greater than 0");
        }
        else if (HasSubMinorUnits(amount))
        {
            errors.Add("amount", SubMinorUnitsMessage);
        }
        else if (amount > limits.MaxAmount)
        {
            errors.Add("amount", Invariant($"must not exceed {limits.MaxAmount:0.##}"));
        }

        var type = default(TransactionType);
        if (WireFormat.IsEmpty(input.Type))
        {
            errors.Add("type", "is required");
        }
        else if (!WireFormat.TryParseTransactionType(input.Type, out type))
        {
            errors.Add("type", $"must be one of {string.Join(", ", WireFormat.TransactionTypeNames)}");
        }

        var mcc = WireFormat.IsEmpty(input.MerchantCategory) ? null : input.MerchantCategory;
        if (mcc is not null && !MccPattern().IsMatch(mcc))
        {
            errors.Add("merchantCategory", "must be exactly 4 digits");
        }

        var merchantId = WireFormat.IsEmpty(input.MerchantId) ? null : input.MerchantId;
        if (merchantId is not null)
        {
            CheckId(errors, "merchantId", merchantId);
        }

        var channel = WireFormat.IsEmpty(input.Channel) ? null : input.Channel.Trim();
        if (channel is not null && channel.Length > MaxChannelLength)
        {
            errors.Add("channel", $"must be at most {MaxChannelLength} characters");
        }
        else if (channel is not null && TextHygiene.FirstRefused(channel) is { } refused)
        {
            errors.Add("channel", TextHygiene.Message(refused));
        }

        if (errors.Count > 0)
        {
            return errors.Result<Transaction>();
        }

        return errors.Result(new Transaction
        {
            Id = input.TransactionId!,
            CustomerId = input.CustomerId!,
            Timestamp = WireFormat.ToStoredPrecision(input.Timestamp!.Value),
            Amount = input.Amount!.Value,
            Type = type,
            MerchantCategory = mcc,
            MerchantId = merchantId,
            Channel = channel,
            ReceivedAt = at,
        });
    }

    /// <summary>Validates a statement. <paramref name="now"/> defaults to the clock and becomes its accepted time.</summary>
    public ValidatedItem<Statement> Validate(StatementInput input, int index, DateTimeOffset? now = null)
    {
        var at = WireFormat.ToStoredPrecision(now ?? time.GetUtcNow());
        var errors = new ErrorList(index);

        CheckId(errors, "customerId", input.CustomerId);
        CheckPastDate(errors, "statementDate", input.StatementDate, at, required: true);
        CheckAccountAmount(errors, "creditLimit", input.CreditLimit, required: true);
        var maxAmount = options.Value.MaxAccountAmount;
        if (input.Balance is null)
        {
            errors.Add("balance", "is required");
        }
        else if (Math.Abs(input.Balance.Value) > maxAmount)
        {
            errors.Add("balance", Invariant($"must be between -{maxAmount:0.##} and {maxAmount:0.##}"));
        }
        else if (HasSubMinorUnits(input.Balance.Value))
        {
            errors.Add("balance", SubMinorUnitsMessage);
        }

        CheckAccountAmount(errors, "minimumDue", input.MinimumDue, required: false);
        if (input.MinimumDue is > 0 && input.Balance is { } balance && input.MinimumDue > Math.Max(balance, 0))
        {
            errors.Add("minimumDue", "must not exceed the balance");
        }

        if (input.DueDate is { } due && input.StatementDate is { } statementDate)
        {
            if (due < statementDate)
            {
                errors.Add("dueDate", "must be on or after the statement date");
            }
            else if (due > statementDate.AddDays(MaxDaysToDueDate))
            {
                errors.Add("dueDate", $"must be within {MaxDaysToDueDate} days of the statement date");
            }
        }

        CheckAccountAmount(errors, "amountPaid", input.AmountPaid, required: true);
        CheckPastDate(errors, "paidOn", input.PaidOn, at, required: false);
        if (input.PaidOn is { } paidOn && input.StatementDate is { } closed && paidOn < closed)
        {
            // A payment before the statement closed was counted in its balance; one against it comes after.
            errors.Add("paidOn", "must be on or after the statement date");
        }

        if (input.DaysPastDue is null)
        {
            errors.Add("daysPastDue", "is required");
        }
        else if (input.DaysPastDue is < 0 or > MaxDaysPastDue)
        {
            errors.Add("daysPastDue", $"must be from 0 to {MaxDaysPastDue}");
        }

        if (errors.Count > 0)
        {
            return errors.Result<Statement>();
        }

        return errors.Result(new Statement
        {
            Id = Statement.KeyFor(input.CustomerId!, input.StatementDate!.Value),
            CustomerId = input.CustomerId!,
            StatementDate = input.StatementDate.Value,
            CreditLimit = input.CreditLimit!.Value,
            Balance = input.Balance!.Value,
            MinimumDue = input.MinimumDue,
            DueDate = input.DueDate,
            AmountPaid = input.AmountPaid!.Value,
            PaidOn = input.PaidOn,
            DaysPastDue = input.DaysPastDue!.Value,
            ReceivedAt = at,
        });
    }

    /// <summary>True when <paramref name="id"/> is a well-formed id: 1–64 letters, digits, '-', '_', '.' or ':'.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    private static void CheckId(ErrorList errors, string field, string? value)
    {
        if (WireFormat.IsEmpty(value))
        {
            errors.Add(field, "is required");
        }
        else if (!IsValidId(value))
        {
            errors.Add(field, "must be 1 to 64 characters of letters, digits, '-', '_', '.' or ':'");
        }
    }

    /// <summary>A credit limit, minimum due or payment: 0 to <see cref="IngestionOptions.MaxAccountAmount"/>.</summary>
    private void CheckAccountAmount(ErrorList errors, string field, decimal? value, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "is required");
            }
        }
        else if (value < 0)
        {
            errors.Add(field, "must be 0 or more");
        }
        else if (value > options.Value.MaxAccountAmount)
        {
            errors.Add(field, Invariant($"must not exceed {options.Value.MaxAccountAmount:0.##}"));
        }
        else if (HasSubMinorUnits(value.Value))
        {
            errors.Add(field, SubMinorUnitsMessage);
        }
    }

    // Currencies have at most 3 minor-unit digits (ISO 4217: KWD, BHD, OMR); 0.0000001 is a feed error, not money.
    private const string SubMinorUnitsMessage = "must have at most 3 decimal places";

    private static bool HasSubMinorUnits(decimal amount) => decimal.Round(amount, 3) != amount;

    private static void CheckPastDate(ErrorList errors, string field, DateOnly? value, DateTimeOffset now, bool required)
    {
        // A day of slack: the bank's "today" may already be tomorrow in UTC terms (east of Greenwich).
        var latest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "is required");
            }
        }
        else if (value > latest)
        {
            errors.Add(field, "must not be in the future");
        }
        else if (value < EarliestDate)
        {
            errors.Add(field, Invariant($"must not be before {EarliestDate:yyyy-MM-dd}"));
        }
    }

    private static string Describe(TimeSpan span) =>
        span.Seconds == 0 && span.Milliseconds == 0
            ? Invariant($"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? "" : "s")}")
            : Invariant($"{span.TotalSeconds:0.###} seconds");

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[0-9]{4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MccPattern();

    private sealed class ErrorList(int index)
    {
        private readonly List<IngestionError> _errors = [];

        public int Count => _errors.Count;

        public void Add(string field, string message) => _errors.Add(new IngestionError(index, field, message));

        public ValidatedItem<T> Result<T>(T? value = null)
            where T : class => new(index, value, _errors);
    }
}
