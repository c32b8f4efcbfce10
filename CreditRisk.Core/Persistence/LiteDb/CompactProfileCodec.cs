using System.Buffers;
using System.Text;
using CreditRisk.Core.Features;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// A behaviour profile as compact bytes for the embedded store: varint counts and day numbers, money as a scaled
/// varint (exact: scale and sign kept). Mapped field by field, a profile of six months' daily buckets was about 22 KB of
/// BSON (every bucket repeats its field names, dates are ISO strings, money 16-byte decimals) and decoding it was half
/// of the nightly re-score; these bytes are a fraction of that and decode without reflection.
/// </summary>
internal static class CompactProfileCodec
{
    private const byte FormatVersion = 1;
    private const byte FullDecimal = 0x40;
    private const byte NegativeDecimal = 0x80;
    private const byte ScaleMask = 0x1F;

    /// <summary>Everything but <see cref="BehaviorProfile.CustomerId"/>, <see cref="BehaviorProfile.Version"/> and <see cref="BehaviorProfile.UpdatedAt"/>, which stay document fields.</summary>
    public static byte[] Encode(BehaviorProfile profile)
    {
        var writer = new ArrayBufferWriter<byte>(256 + (profile.Days.Count * 24) + (profile.Cycles.Count * 32));
        writer.GetSpan(1)[0] = FormatVersion;
        writer.Advance(1);
        WriteDate(writer, profile.FirstTransactionDay);
        WriteDate(writer, profile.LastTransactionDay);
        WriteDate(writer, profile.PrunedThrough);
        WriteVarint(writer, (ulong)profile.TransactionCount);
        WriteDecimal(writer, profile.NetBalance);

        WriteVarint(writer, (ulong)profile.Days.Count);
        foreach (var day in profile.Days)
        {
            WriteVarint(writer, (ulong)day.Day.DayNumber);
            WriteDecimal(writer, day.Purchases);
            WriteInt(writer, day.PurchaseCount);
            WriteDecimal(writer, day.CashWithdrawals);
            WriteInt(writer, day.CashWithdrawalCount);
            WriteDecimal(writer, day.Payments);
            WriteInt(writer, day.PaymentCount);
            WriteDecimal(writer, day.Refunds);
            WriteDecimal(writer, day.FeesAndInterest);
            WriteVarint(writer, (ulong)day.MerchantCategoryCounts.Count);
            foreach (var (category, count) in day.MerchantCategoryCounts)
            {
                WriteString(writer, category);
                WriteInt(writer, count);
            }
        }

        WriteVarint(writer, (ulong)profile.Cycles.Count);
        foreach (var cycle in profile.Cycles)
        {
            WriteVarint(writer, (ulong)cycle.StatementDate.DayNumber);
            WriteDecimal(writer, cycle.CreditLimit);
            WriteDecimal(writer, cycle.Balance);
            WriteNullableDecimal(writer, cycle.MinimumDue);
            WriteDate(writer, cycle.DueDate);
            WriteDecimal(writer, cycle.AmountPaid);
            WriteInt(writer, cycle.DaysPastDue);
        }

        return writer.WrittenSpan.ToArray();
    }

    public static BehaviorProfile Decode(string customerId, long version, DateTimeOffset updatedAt, ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
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
            var categories = new Dictionary<string, int>(categoryCount, StringComparer.Ordinal);
            for (var c = 0; c < categoryCount; c++)
            {
                categories.Add(reader.String(), reader.Int());
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
                MerchantCategoryCounts = categories,
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

    private static void WriteDate(ArrayBufferWriter<byte> writer, DateOnly? date) =>
        WriteVarint(writer, date is { } d ? (ulong)d.DayNumber + 1 : 0);

    private static void WriteInt(ArrayBufferWriter<byte> writer, int value) =>
        WriteVarint(writer, (ulong)((value << 1) ^ (value >> 31)));

    private static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint(writer, (ulong)length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    private static void WriteNullableDecimal(ArrayBufferWriter<byte> writer, decimal? value)
    {
        WriteVarint(writer, value is null ? 0UL : 1UL);
        if (value is { } v)
        {
            WriteDecimal(writer, v);
        }
    }

    private static void WriteDecimal(ArrayBufferWriter<byte> writer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        var header = (byte)(scale | (bits[3] < 0 ? NegativeDecimal : 0));
        if (bits[2] != 0)
        {
            var span = writer.GetSpan(17);
            span[0] = (byte)(header | FullDecimal);
            for (var i = 0; i < 4; i++)
            {
                BitConverter.TryWriteBytes(span[(1 + (i * 4))..], bits[i]);
            }

            writer.Advance(17);
            return;
        }

        writer.GetSpan(1)[0] = header;
        writer.Advance(1);
        WriteVarint(writer, ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
    }

    private static void WriteVarint(ArrayBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        writer.Advance(i);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public byte Byte() => _bytes[_position++];

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _bytes[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        public int Int()
        {
            var raw = (uint)Varint();
            return (int)(raw >> 1) ^ -(int)(raw & 1);
        }

        public DateOnly? Date() => Varint() is var v and > 0 ? DateOnly.FromDayNumber((int)(v - 1)) : null;

        public string String()
        {
            var length = (int)Varint();
            var value = Encoding.UTF8.GetString(_bytes.Slice(_position, length));
            _position += length;
            return value;
        }

        public decimal? NullableDecimal() => Varint() == 0 ? null : Decimal();

        public decimal Decimal()
        {
            var header = Byte();
            var scale = (byte)(header & ScaleMask);
            var negative = (header & NegativeDecimal) != 0;
            if ((header & FullDecimal) != 0)
            {
                Span<int> bits = stackalloc int[4];
                for (var i = 0; i < 4; i++)
                {
                    bits[i] = BitConverter.ToInt32(_bytes.Slice(_position + (i * 4), 4));
                }

                _position += 16;
                return new decimal(bits);
            }

            var mantissa = Varint();
            return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, scale);
        }
    }
}
