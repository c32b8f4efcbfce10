using CreditRisk.Core.Ingestion.Csv;

namespace CreditRisk.Core.Snapshots;

/// <summary>Where each documented column sits in a snapshot file, matched through <see cref="SnapshotColumns.Match"/>.</summary>
internal sealed class SnapshotHeader
{
    private readonly Dictionary<string, int> _positions;
    private readonly Dictionary<string, string> _spelling;

    private SnapshotHeader(Dictionary<string, int> positions, Dictionary<string, string> spelling, int columnCount)
    {
        _positions = positions;
        _spelling = spelling;
        ColumnCount = columnCount;
    }

    public int ColumnCount { get; }

    public bool HasLabel => _positions.ContainsKey(SnapshotColumns.DpdBucketNextMonth);

    /// <summary>Matches the header row; throws <see cref="CsvFormatException"/> for an unknown, repeated or missing column.</summary>
    public static SnapshotHeader Read(CsvRow row, bool requireLabel)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var spelling = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < row.Fields.Length; i++)
        {
            var cell = row.Fields[i].Trim().TrimStart('\uFEFF');
            var column = SnapshotColumns.Match(cell)
                ?? throw new CsvFormatException(
                    $"Line 1: unknown column '{cell}'; a snapshot has the columns {string.Join(", ", SnapshotColumns.Ordered)}.", 1, cell);
            if (!positions.TryAdd(column, i))
            {
                throw new CsvFormatException($"Line 1: '{cell}' and '{spelling[column]}' are both the column {column}.", 1, cell);
            }

            spelling[column] = cell;
        }

        var missing = SnapshotColumns.Ordered
            .Where(c => !positions.ContainsKey(c) && (requireLabel || !SnapshotColumns.IsOptional(c)))
            .ToList();
        if (missing.Count > 0)
        {
            var why = requireLabel && missing.Contains(SnapshotColumns.DpdBucketNextMonth) ? " (training needs the label)" : "";
            throw new CsvFormatException(
                $"Line 1: the header lacks column(s) {string.Join(", ", missing)}{why}; expected {string.Join(", ", SnapshotColumns.Ordered)}.",
                1,
                missing[0]);
        }

        return new SnapshotHeader(positions, spelling, row.Fields.Length);
    }

    /// <summary>The column as the file spells it, for messages.</summary>
    public string Spelling(string column) => _spelling.GetValueOrDefault(column, column);

    /// <summary>The trimmed cell of <paramref name="column"/>; null when the file has no such column or the cell is empty.</summary>
    public string? Get(CsvRow row, string column)
    {
        if (!_positions.TryGetValue(column, out var i) || i >= row.Fields.Length)
        {
            return null;
        }

        var value = row.Fields[i].Trim();
        return value.Length == 0 ? null : value;
    }
}
