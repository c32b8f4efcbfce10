namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>Maps the column names a file format requires to their positions in a file's header row.</summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _positions;

    private CsvHeader(Dictionary<string, int> positions, int columnCount)
    {
        _positions = positions;
        ColumnCount = columnCount;
    }

    public int ColumnCount { get; }

    /// <summary>Reads the header row and checks that every required column is present exactly once.</summary>
    public static CsvHeader Read(CsvReader reader, IReadOnlyList<string> requiredColumns, IReadOnlyList<string>? optionalColumns = null)
    {
        var row = reader.ReadRow() ?? throw new CsvFormatException("The file is empty: a header row is required.", 1);
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < row.Fields.Length; i++)
        {
            var name = row.Fields[i].Trim().TrimStart('\uFEFF');
            if (!positions.TryAdd(name, i))
            {
                throw new CsvFormatException($"Line 1: column '{name}' appears twice in the header.", 1, name);
            }
        }

        var missing = requiredColumns.Where(c => !positions.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new CsvFormatException(
                $"Line 1: the header lacks column(s) {string.Join(", ", missing)}; expected {string.Join(",", requiredColumns)}.",
                1,
                missing[0]);
        }

        var known = new HashSet<string>(requiredColumns.Concat(optionalColumns ?? []), StringComparer.OrdinalIgnoreCase);
        var unknown = positions.Keys.FirstOrDefault(k => !known.Contains(k));
        if (unknown is not null)
        {
            throw new CsvFormatException($"Line 1: unknown column '{unknown}'.", 1, unknown);
        }

        return new CsvHeader(positions, row.Fields.Length);
    }

    /// <summary>The value of <paramref name="column"/> in <paramref name="row"/>; null when empty or absent.</summary>
    public string? Get(CsvRow row, string column)
    {
        if (!_positions.TryGetValue(column, out var i))
        {
            return null;
        }

        var value = row.Fields[i];
        return value.Length == 0 ? null : value;
    }
}
