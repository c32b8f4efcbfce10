using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CreditRisk.Core.Risk;

/// <summary>
/// Ids that sort in creation order: UUID version 7 (RFC 9562, 32 hex digits) whose 12-bit <c>rand_a</c> field counts
/// within the millisecond, as the RFC allows. <see cref="Guid.CreateVersion7(DateTimeOffset)"/> is random within a
/// millisecond, so two assessments of one customer made in the same millisecond — or at the same assessment time,
/// which history sorts by before the id — would come back in either order, and "latest" would be a coin toss.
/// </summary>
public sealed class SequentialIds
{
    private const int MaxCounter = 0xFFF;

    private readonly Lock _gate = new();
    private long _lastMilliseconds = -1;
    private int _counter;

    /// <summary>A new id for <paramref name="now"/>, greater than every id this instance made before, even if the clock stands still or steps back.</summary>
    public string Next(DateTimeOffset now)
    {
        var milliseconds = Math.Max(0, now.ToUnixTimeMilliseconds());
        int counter;
        lock (_gate)
        {
            if (milliseconds <= _lastMilliseconds)
            {
                milliseconds = _lastMilliseconds;
                if (++_counter > MaxCounter)
                {
                    milliseconds++;
                    _counter = 0;
                }
            }
            else
            {
                _counter = 0;
            }

            _lastMilliseconds = milliseconds;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, milliseconds);
        time[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true).ToString("N");
    }
}
