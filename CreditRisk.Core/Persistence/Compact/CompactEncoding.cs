using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CreditRisk.Core.Persistence.Compact;

/// <summary>
/// The primitives of the embedded stores' compact encodings (<see cref="CompactProfileCodec"/>,
/// <see cref="CompactTransactionCodec"/>, <see cref="CompactRiskCodec"/>): unsigned varints, zig-zag signed ones, length-prefixed UTF-8, money as a scaled
/// varint (exact: scale and sign kept). Nullable values carry a presence marker, so null and empty stay apart.
/// </summary>
internal static class CompactEncoding
{
    private const byte FullDecimal = 0x40;
    private const byte NegativeDecimal = 0x80;

    public static void WriteByte(this ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteBytes(this ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> value)
    {
        writer.WriteVarint((ulong)value.Length);
        writer.Write(value);
    }

    public static void WriteVarint(this ArrayBufferWriter<byte> writer, ulong value)
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

    public static void WriteInt(this ArrayBufferWriter<byte> writer, int value) =>
        writer.WriteVarint((ulong)((value << 1) ^ (value >> 31)));

    public static void WriteLong(this ArrayBufferWriter<byte> writer, long value) =>
        writer.WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    public static void WriteNullableLong(this ArrayBufferWriter<byte> writer, long? value)
    {
        writer.WriteByte(value is null ? (byte)0 : (byte)1);
        if (value is { } v)
        {
            writer.WriteLong(v);
        }
    }

    /// <summary>A time as whole milliseconds since the Unix epoch (UTC); what reads back is that instant at offset zero.</summary>
    public static void WriteTime(this ArrayBufferWriter<byte> writer, DateTimeOffset value) => writer.WriteLong(value.ToUnixTimeMilliseconds());

    public static void WriteNullableTime(this ArrayBufferWriter<byte> writer, DateTimeOffset? value) =>
        writer.WriteNullableLong(value?.ToUnixTimeMilliseconds());

    /// <summary>A time as <see cref="WriteTime"/> stores it: UTC, whole milliseconds.</summary>
    public static DateTimeOffset AsStored(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    public static void WriteDouble(this ArrayBufferWriter<byte> writer, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(writer.GetSpan(sizeof(double)), value);
        writer.Advance(sizeof(double));
    }

    public static void WriteNullableDouble(this ArrayBufferWriter<byte> writer, double? value)
    {
        writer.WriteByte(value is null ? (byte)0 : (byte)1);
        if (value is { } v)
        {
            writer.WriteDouble(v);
        }
    }

    public static void WriteDate(this ArrayBufferWriter<byte> writer, DateOnly? date) =>
        writer.WriteVarint(date is { } d ? (ulong)d.DayNumber + 1 : 0);

    public static void WriteString(this ArrayBufferWriter<byte> writer, string value) => WriteUtf8(writer, value, lengthBias: 0);

    /// <summary>A string or null: the length plus one, 0 for null.</summary>
    public static void WriteNullableString(this ArrayBufferWriter<byte> writer, string? value)
    {
        if (value is null)
        {
            writer.WriteVarint(0);
            return;
        }

        WriteUtf8(writer, value, lengthBias: 1);
    }

    public static void WriteNullableDecimal(this ArrayBufferWriter<byte> writer, decimal? value)
    {
        writer.WriteVarint(value is null ? 0UL : 1UL);
        if (value is { } v)
        {
            writer.WriteDecimal(v);
        }
    }

    public static void WriteDecimal(this ArrayBufferWriter<byte> writer, decimal value)
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

        writer.WriteByte(header);
        writer.WriteVarint(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
    }

    private static void WriteUtf8(ArrayBufferWriter<byte> writer, string value, int lengthBias)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        writer.WriteVarint((ulong)(length + lengthBias));
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    /// <summary>The reading side; every read throws <see cref="InvalidDataException"/> past the end.</summary>
    public ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private const byte ScaleMask = 0x1F;
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        /// <summary>A reader after <paramref name="marker"/>, which the bytes of a <paramref name="what"/> must start with.</summary>
        public static Reader After(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> marker, string what) => bytes.StartsWith(marker)
            ? new Reader(bytes[marker.Length..])
            : throw new InvalidDataException($"A stored {what} has an unknown encoding.");

        /// <summary>Throws unless every byte was read: a record longer than its fields is damaged.</summary>
        public readonly void EnsureEnd(string what)
        {
            if (_position != _bytes.Length)
            {
                throw new InvalidDataException($"A stored {what} has bytes after its last field.");
            }
        }

        public byte Byte() => _position < _bytes.Length ? _bytes[_position++] : throw Truncated();

        public byte[] Bytes() => Take(Length(Varint())).ToArray();

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("A stored varint is longer than 64 bits.");
        }

        public int Int()
        {
            var raw = (uint)Varint();
            return (int)(raw >> 1) ^ -(int)(raw & 1);
        }

        public long Long()
        {
            var raw = Varint();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        public long? NullableLong() => Byte() == 0 ? null : Long();

        public DateTimeOffset Time() => DateTimeOffset.FromUnixTimeMilliseconds(Long());

        public DateTimeOffset? NullableTime() => NullableLong() is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

        public double? NullableDouble() => Byte() == 0 ? null : Double();

        public DateOnly? Date() => Varint() is var v and > 0 ? DateOnly.FromDayNumber((int)(v - 1)) : null;

        public string String() => Encoding.UTF8.GetString(Take(Length(Varint())));

        /// <summary>A string written by <see cref="WriteString"/>, taken from <paramref name="pool"/> when it repeats.</summary>
        public string String(RepeatedStrings pool) => pool.Get(Take(Length(Varint())));

        public string? NullableString() => Varint() is var v and > 0 ? Encoding.UTF8.GetString(Take(Length(v - 1))) : null;

        public decimal? NullableDecimal() => Varint() == 0 ? null : Decimal();

        public decimal Decimal()
        {
            var header = Byte();
            var scale = (byte)(header & ScaleMask);
            var negative = (header & NegativeDecimal) != 0;
            if ((header & FullDecimal) != 0)
            {
                var full = Take(16);
                Span<int> bits = stackalloc int[4];
                for (var i = 0; i < 4; i++)
                {
                    bits[i] = BitConverter.ToInt32(full.Slice(i * 4, 4));
                }

                return new decimal(bits);
            }

            var mantissa = Varint();
            return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, scale);
        }

        private static InvalidDataException Truncated() => new("A stored record ends before its last field.");

        /// <summary>A stored length; one past any possible record is reported as the record ending early.</summary>
        private readonly int Length(ulong value) => value <= (ulong)_bytes.Length ? (int)value : throw Truncated();

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length > _bytes.Length - _position)
            {
                throw Truncated();
            }

            var span = _bytes.Slice(_position, length);
            _position += length;
            return span;
        }
    }
}
