namespace CreditRisk.Core.Ingestion.Csv;

/// <summary>Maps the column names a file format requires to their positions in a file's header row.</summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _positions;

    private CsvHeader(Dictionary<string, int> positions, string[] names)
    {
        _positions = positions;
        Names = names;
    }

    public int ColumnCount => Names.Count;

    /// <summary>The column names as the file spells them, in file order (a leading byte-order mark removed).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the header row and checks that every required column is present exactly once.</summary>
    public static CsvHeader Read(CsvReader reader, IReadOnlyList<string> requiredColumns, IReadOnlyList<string>? optionalColumns = null)
    {
        var row = reader.ReadRow() ?? throw new CsvFormatException("The file is empty: a header row is required.", 1);
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new string[row.Fields.Length];
        for (var i = 0; i < row.Fields.Length; i++)
        {
            var name = names[i] = row.Fields[i].Trim().TrimStart('\uFEFF');
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

        return new CsvHeader(positions, names);
    }

    /// <summary>Position of <paramref name="column"/> in the file (0-based), or -1 when the file lacks it.</summary>
    public int IndexOf(string column) => _positions.TryGetValue(column, out var i) ? i : -1;

    /// <summary>The value of <paramref name="column"/> in <paramref name="row"/>; null when empty or absent.</summary>
    public string? Get(CsvRow row, string column)
    {
        if (!_positions.TryGetValue(column, out var i) || i >= row.Fields.Length)
        {
            return null;
        }

        var value = row.Fields[i];
        return value.Length == 0 ? null : value;
    }
}
