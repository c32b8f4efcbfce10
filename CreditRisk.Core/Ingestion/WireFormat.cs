using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CreditRisk.Core.Transactions;

namespace CreditRisk.Core.Ingestion;

/// <summary>
/// The text forms shared by the JSON API and the CSV files (see docs/data-formats.md), so both parse alike.
/// </summary>
public static class WireFormat
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm'Z'",
    ];

    private static readonly Dictionary<string, TransactionType> TypesByName =
        Enum.GetValues<TransactionType>().ToDictionary(ToWireName, t => t, StringComparer.Ordinal);

    /// <summary>The wire names of every transaction type, in declaration order.</summary>
    public static IReadOnlyList<string> TransactionTypeNames { get; } = [.. Enum.GetValues<TransactionType>().Select(ToWireName)];

    /// <summary>
    /// Parses an ISO-8601 timestamp that carries an offset or <c>Z</c> (<c>2026-03-01T14:22:05Z</c>,
    /// <c>2026-03-01T19:52:05.123+05:30</c>). A timestamp without an offset is refused: its instant is unknowable.
    /// </summary>
    public static bool TryParseTimestamp(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(
            text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary>Parses an ISO-8601 calendar date, <c>yyyy-MM-dd</c>.</summary>
    public static bool TryParseDate(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>
    /// Parses an amount with <c>.</c> as the decimal point and no thousands separators. Text with more digits than a
    /// decimal holds fails rather than arrive rounded (<see cref="ExactDecimalText"/>).
    /// </summary>
    public static bool TryParseAmount(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && ExactDecimalText.Represents(text, value);

    /// <summary>Parses a transaction type's wire name (<c>cash_withdrawal</c>); exact, lower-case.</summary>
    public static bool TryParseTransactionType(string? text, out TransactionType value)
    {
        if (text is not null && TypesByName.TryGetValue(text, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The wire name of a transaction type: lower snake_case (<c>CashWithdrawal</c> → <c>cash_withdrawal</c>).</summary>
    public static string ToWireName(TransactionType type) => type switch
    {
        TransactionType.Purchase => "purchase",
        TransactionType.CashWithdrawal => "cash_withdrawal",
        TransactionType.Payment => "payment",
        TransactionType.Refund => "refund",
        TransactionType.Fee => "fee",
        TransactionType.Interest => "interest",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>UTC, with anything finer than a millisecond dropped: both stores keep milliseconds.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>True when <paramref name="text"/> is null, empty or only white space: an empty optional value.</summary>
    public static bool IsEmpty([NotNullWhen(false)] string? text) => string.IsNullOrWhiteSpace(text);
}
