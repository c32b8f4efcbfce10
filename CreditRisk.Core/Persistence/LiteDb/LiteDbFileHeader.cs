using System.Text;

namespace CreditRisk.Core.Persistence.LiteDb;

/// <summary>
/// Tells a LiteDB data file by its header before LiteDB opens it: LiteDB takes any file it is given as its own, so an
/// empty or foreign file (an SQLite store named by mistake) would be rewritten as a new LiteDB database or cut short.
/// </summary>
public static class LiteDbFileHeader
{
    /// <summary>LiteDB 5 writes this text at <see cref="Offset"/> of the first page.</summary>
    private static readonly byte[] Text = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    private const int Offset = 32;

    /// <summary>Whether the file at <paramref name="path"/> starts like a LiteDB 5 data file (read only, never changed).</summary>
    public static bool IsLiteDb(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[Offset + Text.Length];
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && header.AsSpan(Offset).SequenceEqual(Text);
    }
}
