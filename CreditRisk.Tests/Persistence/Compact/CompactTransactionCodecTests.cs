using CreditRisk.Core.Persistence.Compact;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence.Compact;

public sealed class CompactTransactionCodecTests
{
    [Theory]
    [InlineData(1_234.56)]
    [InlineData(-0.01)]
    [InlineData(0)]
    public void Decode_EveryFieldSet_ReadsBackEqual(double amount)
    {
        var transaction = A.Transaction(amount: (decimal)amount, type: TransactionType.Refund) with { AppliedAt = A.Now.AddMinutes(3) };

        JsonAssert.Equivalent(transaction, CompactTransactionCodec.Decode(CompactTransactionCodec.Encode(transaction)));
    }

    [Fact]
    public void Decode_MoneyKeepsItsScaleAndFullPrecision()
    {
        foreach (var amount in new[] { 12.50m, 12.5m, 79_228_162_514_264_337_593_543_950_335m, -0.000_000_1m })
        {
            var decoded = CompactTransactionCodec.Decode(CompactTransactionCodec.Encode(A.Transaction(amount: amount)));

            Assert.Equal(amount.ToString(System.Globalization.CultureInfo.InvariantCulture), decoded.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Decode_NullsAndEmptyStrings_StayApart()
    {
        var transaction = A.Transaction() with { MerchantCategory = null, MerchantId = "", Channel = null, AppliedAt = null };

        var decoded = CompactTransactionCodec.Decode(CompactTransactionCodec.Encode(transaction));

        Assert.Null(decoded.MerchantCategory);
        Assert.Equal("", decoded.MerchantId);
        Assert.Null(decoded.AppliedAt);
    }

    [Fact]
    public void Decode_TimesAreWholeMillisecondsInUtc()
    {
        var at = new DateTimeOffset(2026, 3, 1, 23, 59, 59, TimeSpan.FromHours(3)).AddTicks(9_999);

        var decoded = CompactTransactionCodec.Decode(CompactTransactionCodec.Encode(A.Transaction(at: at)));

        Assert.Equal(TimeSpan.Zero, decoded.Timestamp.Offset);
        Assert.Equal(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), decoded.Timestamp.UtcTicks);
    }

    /// <summary>A field added to the record must be added to the codec, or it would be lost on every insert.</summary>
    [Fact]
    public void Transaction_HasExactlyTheFieldsTheCodecStores() =>
        Assert.Equal(
            ["Amount", "AppliedAt", "Channel", "CustomerId", "Id", "MerchantCategory", "MerchantId", "ReceivedAt", "Timestamp", "Type"],
            typeof(Transaction).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void Decode_DamagedBytes_IsAnInvalidDataError()
    {
        var bytes = CompactTransactionCodec.Encode(A.Transaction());
        var unknownType = CompactTransactionCodec.Encode(A.Transaction() with { Type = (TransactionType)99 });

        Assert.Throws<InvalidDataException>(() => CompactTransactionCodec.Decode(bytes.AsSpan(0, bytes.Length - 2)));
        Assert.Throws<InvalidDataException>(() => CompactTransactionCodec.Decode([.. bytes, 1]));
        Assert.Throws<InvalidDataException>(() => CompactTransactionCodec.Decode(bytes.AsSpan(1)));
        Assert.Throws<InvalidDataException>(() => CompactTransactionCodec.Decode(unknownType));
    }
}
