using System.Globalization;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Simulation;

/// <summary>
/// Invariant, allocation-light CSV field writing: RFC 4180 quoting, amounts with two decimals and a '.' point,
/// ISO-8601 dates and UTC timestamps. Records end with LF.
/// </summary>
internal static class CsvText
{
    private static readonly char[] NeedsQuoting = [',', '"', '\r', '\n'];

    public static void Text(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(NeedsQuoting) < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public static void Amount(TextWriter writer, decimal value)
    {
        Span<char> buffer = stackalloc char[40];
        value.TryFormat(buffer, out var written, "F2", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    public static void Integer(TextWriter writer, int value)
    {
        Span<char> buffer = stackalloc char[12];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    public static void Date(TextWriter writer, DateOnly? value)
    {
        if (value is not { } date)
        {
            return;
        }

        Span<char> buffer = stackalloc char[10];
        date.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    /// <summary>UTC, whole seconds, e.g. <c>2026-03-01T14:22:05Z</c>.</summary>
    public static void Timestamp(TextWriter writer, DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[20];
        value.UtcDateTime.TryFormat(buffer, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    public static void Boolean(TextWriter writer, bool value) => writer.Write(value ? "true" : "false");

    public static void Separator(TextWriter writer) => writer.Write(',');

    public static void EndRecord(TextWriter writer) => writer.Write('\n');
}
