using System.Buffers;
using CreditRisk.Core.Features;

namespace CreditRisk.Core.Persistence.Compact;

/// <summary>
/// A behaviour profile as compact bytes for the embedded store: varint counts and day numbers, money as a scaled
/// varint (exact: scale and sign kept). Mapped field by field, a profile of six months' daily buckets was about 22 KB of
/// BSON (every bucket repeats its field names, dates are ISO strings, money 16-byte decimals) and decoding it was half
/// of the nightly re-score; these bytes are a fraction of that and decode without reflection.
/// </summary>
internal static class CompactProfileCodec
{
    private const byte FormatVersion = 1;

    /// <summary>Everything but <see cref="BehaviorProfile.CustomerId"/>, <see cref="BehaviorProfile.Version"/> and <see cref="BehaviorProfile.UpdatedAt"/>, which stay document fields.</summary>
    public static byte[] Encode(BehaviorProfile profile)
    {
        var writer = new ArrayBufferWriter<byte>(256 + (profile.Days.Count * 24) + (profile.Cycles.Count * 32));
        writer.WriteByte(FormatVersion);
        writer.WriteDate(profile.FirstTransactionDay);
        writer.WriteDate(profile.LastTransactionDay);
        writer.WriteDate(profile.PrunedThrough);
        writer.WriteVarint((ulong)profile.TransactionCount);
        writer.WriteDecimal(profile.NetBalance);

        writer.WriteVarint((ulong)profile.Days.Count);
        foreach (var day in profile.Days)
        {
            writer.WriteVarint((ulong)day.Day.DayNumber);
            writer.WriteDecimal(day.Purchases);
            writer.WriteInt(day.PurchaseCount);
            writer.WriteDecimal(day.CashWithdrawals);
            writer.WriteInt(day.CashWithdrawalCount);
            writer.WriteDecimal(day.Payments);
            writer.WriteInt(day.PaymentCount);
            writer.WriteDecimal(day.Refunds);
            writer.WriteDecimal(day.FeesAndInterest);
            writer.WriteVarint((ulong)day.MerchantCategoryCounts.Count);
            foreach (var (category, count) in day.MerchantCategoryCounts)
            {
                writer.WriteString(category);
                writer.WriteInt(count);
            }
        }

        writer.WriteVarint((ulong)profile.Cycles.Count);
        foreach (var cycle in profile.Cycles)
        {
            writer.WriteVarint((ulong)cycle.StatementDate.DayNumber);
            writer.WriteDecimal(cycle.CreditLimit);
            writer.WriteDecimal(cycle.Balance);
            writer.WriteNullableDecimal(cycle.MinimumDue);
            writer.WriteDate(cycle.DueDate);
            writer.WriteDecimal(cycle.AmountPaid);
            writer.WriteInt(cycle.DaysPastDue);
        }

        return writer.WrittenSpan.ToArray();
    }

    public static BehaviorProfile Decode(string customerId, long version, DateTimeOffset updatedAt, ReadOnlySpan<byte> bytes)
    {
        var reader = new CompactEncoding.Reader(bytes);
        if (reader.Byte() != FormatVersion)
        {
            throw new InvalidDataException($"The stored profile of '{customerId}' has an unknown encoding.");
        }

        var first = reader.Date();
        var last = reader.Date();
        var pruned = reader.Date();
        var count = (long)reader.Varint();
        var netBalance = reader.Decimal();

        var days = new List<DailyActivity>((int)reader.Varint());
        for (var i = days.Capacity; i > 0; i--)
        {
            var day = DateOnly.FromDayNumber((int)reader.Varint());
            var purchases = reader.Decimal();
            var purchaseCount = reader.Int();
            var cash = reader.Decimal();
            var cashCount = reader.Int();
            var payments = reader.Decimal();
            var paymentCount = reader.Int();
            var refunds = reader.Decimal();
            var fees = reader.Decimal();
            var categoryCount = (int)reader.Varint();
            var categories = new KeyValuePair<string, int>[categoryCount];
            for (var c = 0; c < categoryCount; c++)
            {
                categories[c] = KeyValuePair.Create(reader.String(RepeatedStrings.Shared), reader.Int());
            }

            days.Add(new DailyActivity
            {
                Day = day,
                Purchases = purchases,
                PurchaseCount = purchaseCount,
                CashWithdrawals = cash,
                CashWithdrawalCount = cashCount,
                Payments = payments,
                PaymentCount = paymentCount,
                Refunds = refunds,
                FeesAndInterest = fees,
                MerchantCategoryCounts = CategoryCounts.FromSorted(categories),
            });
        }

        var cycles = new List<CycleSummary>((int)reader.Varint());
        for (var i = cycles.Capacity; i > 0; i--)
        {
            cycles.Add(new CycleSummary
            {
                StatementDate = DateOnly.FromDayNumber((int)reader.Varint()),
                CreditLimit = reader.Decimal(),
                Balance = reader.Decimal(),
                MinimumDue = reader.NullableDecimal(),
                DueDate = reader.Date(),
                AmountPaid = reader.Decimal(),
                DaysPastDue = reader.Int(),
            });
        }

        return new BehaviorProfile
        {
            CustomerId = customerId,
            Version = version,
            UpdatedAt = updatedAt,
            FirstTransactionDay = first,
            LastTransactionDay = last,
            PrunedThrough = pruned,
            TransactionCount = count,
            NetBalance = netBalance,
            Days = days,
            Cycles = cycles,
        };
    }
}
