using System.Buffers;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Persistence.Compact;

/// <summary>
/// A stored transaction as compact bytes for the SQLite store: every ingested transaction is encoded once, and the
/// LiteDB mapper's reflection was half of the insert's CPU. Starts with <c>CRt</c> and a format version, which a BSON
/// document (its length as a little-endian int32 first) never does at the sizes stored, so rows written as BSON by
/// earlier versions are told apart (<see cref="IsCompact"/>). Times are whole UTC milliseconds, money exact.
/// </summary>
internal static class CompactTransactionCodec
{
    private static ReadOnlySpan<byte> Magic => [(byte)'C', (byte)'R', (byte)'t', 1];

    public static bool IsCompact(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Magic);

    public static byte[] Encode(Transaction transaction)
    {
        var writer = new ArrayBufferWriter<byte>(96);
        writer.Write(Magic);
        writer.WriteNullableString(transaction.Id);
        writer.WriteNullableString(transaction.CustomerId);
        writer.WriteTime(transaction.Timestamp);
        writer.WriteDecimal(transaction.Amount);
        writer.WriteByte((byte)transaction.Type);
        writer.WriteNullableString(transaction.MerchantCategory);
        writer.WriteNullableString(transaction.MerchantId);
        writer.WriteNullableString(transaction.Channel);
        writer.WriteTime(transaction.ReceivedAt);
        writer.WriteNullableTime(transaction.AppliedAt);
        return writer.WrittenSpan.ToArray();
    }

    public static Transaction Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = CompactEncoding.Reader.After(bytes, Magic, "transaction");
        var transaction = new Transaction
        {
            Id = reader.NullableString()!,
            CustomerId = reader.NullableString()!,
            Timestamp = reader.Time(),
            Amount = reader.Decimal(),
            Type = Type(reader.Byte()),
            MerchantCategory = reader.NullableString(),
            MerchantId = reader.NullableString(),
            Channel = reader.NullableString(),
            ReceivedAt = reader.Time(),
            AppliedAt = reader.NullableTime(),
        };
        reader.EnsureEnd("transaction");
        return transaction;
    }

    private static TransactionType Type(byte value) => Enum.IsDefined((TransactionType)value)
        ? (TransactionType)value
        : throw new InvalidDataException($"A stored transaction has the unknown type {value}.");
}
