using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>
/// Remembers every key seen in a file, to find keys that repeat. A million-row file needs a million keys, so keys
/// are kept as 128-bit digests (a collision is about as likely as a disk flipping the bits that matter) and each
/// row's content as a 64-bit digest, about 40 bytes a row whatever the id length.
/// </summary>
internal sealed class RepeatTracker
{
    private readonly Dictionary<UInt128, Seen> _seen = [];

    /// <summary>
    /// Records <paramref name="key"/> at <paramref name="line"/>, or, when the key was seen before, tells where and
    /// whether that row had exactly the same fields.
    /// </summary>
    public RepeatCheck Check(string key, string[] fields, long line)
    {
        var keyDigest = Digest(key);
        var content = ContentDigest(fields);
        if (_seen.TryGetValue(keyDigest, out var seen))
        {
            return new RepeatCheck(seen.Line, seen.Content == content);
        }

        _seen.Add(keyDigest, new Seen(line, content));
        return RepeatCheck.FirstTime;
    }

    /// <summary>A 128-bit digest of <paramref name="key"/>.</summary>
    public static UInt128 Digest(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(key.AsSpan()), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    private static ulong ContentDigest(string[] fields)
    {
        // Each field prefixed by its length, so ("a,b") and ("a", "b") differ.
        var size = fields.Sum(f => sizeof(int) + (f.Length * sizeof(char)));
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var at = 0;
            foreach (var field in fields)
            {
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), field.Length);
                at += sizeof(int);
                MemoryMarshal.AsBytes(field.AsSpan()).CopyTo(buffer.AsSpan(at));
                at += field.Length * sizeof(char);
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, at), hash);
            return BinaryPrimitives.ReadUInt64LittleEndian(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private readonly record struct Seen(long Line, ulong Content);
}

/// <summary>Whether a key was seen before (<see cref="FirstLine"/> &gt; 0) and, if so, with the same fields.</summary>
internal readonly record struct RepeatCheck(long FirstLine, bool Identical)
{
    public static RepeatCheck FirstTime => default;

    public bool IsRepeat => FirstLine > 0;
}
