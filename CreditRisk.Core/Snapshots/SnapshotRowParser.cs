using System.Globalization;
using CreditRisk.Core.Ingestion;
using CreditRisk.Core.Ingestion.Csv;

namespace CreditRisk.Core.Snapshots;

/// <summary>
/// Parses and checks one data row of a snapshot. Every cell is checked (not just the first bad one), each problem
/// naming the column as the file spells it. Numbers use '.' as the decimal point; in a ';'-separated file a decimal
/// comma is accepted too (spreadsheets in such locales write one), and a percentage may carry a trailing '%'. The
/// credit limit lands on the customer's record, so it meets the customer file's rules: at most <c>maxCreditLimit</c>
/// (<c>Ingestion:MaxAccountAmount</c>) and 3 decimal places.
/// </summary>
internal sealed class SnapshotRowParser(
    SnapshotHeader header, DateOnly asOf, DateTimeOffset importedAt, bool decimalComma, bool requireLabel, decimal maxCreditLimit)
{
    public (CustomerSnapshot? Snapshot, List<CsvProblem> Problems) Parse(CsvRow row)
    {
        var problems = new List<CsvProblem>();
        if (row.Fields.Length != header.ColumnCount)
        {
            problems.Add(new CsvProblem(row.LineNumber, CsvFieldError.WholeRow, $"has {row.Fields.Length} fields; the header has {header.ColumnCount}"));
            return (null, problems);
        }

        void Fail(string column, string reason) => problems.Add(new CsvProblem(row.LineNumber, header.Spelling(column), reason));

        var id = header.Get(row, SnapshotColumns.CustomerId);
        if (id is null)
        {
            Fail(SnapshotColumns.CustomerId, "is required");
        }
        else if (!IngestionValidator.IsValidId(id))
        {
            Fail(SnapshotColumns.CustomerId, "must be 1 to 64 characters of letters, digits, '-', '_', '.' or ':'");
        }

        var limit = CreditLimit(row, Fail);
        var utilisation = Number(row, SnapshotColumns.UtilisationPct, 0, 1000, "must be a percentage from 0 to 1000", Fail);
        var payment = Number(row, SnapshotColumns.AvgPaymentRatio, 0, 1000, "must be a percentage from 0 to 1000", Fail);
        var minDue = Number(row, SnapshotColumns.MinDuePaidFrequency, 0, 100, "must be a percentage from 0 to 100", Fail);
        var mix = Number(row, SnapshotColumns.MerchantMixIndex, 0, 1, "must be an index from 0 to 1", Fail);
        var cash = Number(row, SnapshotColumns.CashWithdrawalPct, 0, 100, "must be a percentage from 0 to 100", Fail);
        var spend = Number(row, SnapshotColumns.RecentSpendChangePct, -100, 10_000, "must be a percentage change from -100 to 10000", Fail);
        var dpd = Bucket(row, Fail);

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new CustomerSnapshot
        {
            CustomerId = id!,
            AsOf = asOf,
            CreditLimit = limit!.Value,
            UtilisationPct = utilisation!.Value,
            AvgPaymentRatioPct = payment!.Value,
            MinDuePaidFrequencyPct = minDue!.Value,
            MerchantMixIndex = mix!.Value,
            CashWithdrawalPct = cash!.Value,
            RecentSpendChangePct = spend!.Value,
            DpdBucketNextMonth = dpd,
            ImportedAt = importedAt,
        }, problems);
    }

    /// <summary>
    /// The credit limit, read as an amount is in the customer file (not through a double, which would turn 1234.567 into
    /// 1234.5670000000000072…): above 0, at most <c>maxCreditLimit</c>, at most 3 decimal places.
    /// </summary>
    private decimal? CreditLimit(CsvRow row, Action<string, string> fail)
    {
        var text = header.Get(row, SnapshotColumns.CreditLimit);
        if (text is null)
        {
            fail(SnapshotColumns.CreditLimit, "is required");
            return null;
        }

        var cleaned = decimalComma ? text.Trim().Replace(',', '.') : text.Trim();
        if (!WireFormat.TryParseAmount(cleaned, out var value))
        {
            fail(SnapshotColumns.CreditLimit, $"must be a number with '.' as the decimal point, e.g. 45.5 (found '{text}')");
            return null;
        }

        if (value <= 0 || value > maxCreditLimit)
        {
            fail(SnapshotColumns.CreditLimit, string.Create(CultureInfo.InvariantCulture, $"must be a positive amount of at most {maxCreditLimit:#,0.###} (found {text})"));
            return null;
        }

        if (decimal.Round(value, 3) != value)
        {
            fail(SnapshotColumns.CreditLimit, $"must have at most 3 decimal places (found {text})");
            return null;
        }

        return value;
    }

    private double? Number(CsvRow row, string column, double low, double high, string range, Action<string, string> fail, bool exclusiveLow = false)
    {
        var text = header.Get(row, column);
        if (text is null)
        {
            fail(column, "is required");
            return null;
        }

        var cleaned = text.TrimEnd('%').Trim();
        if (decimalComma)
        {
            cleaned = cleaned.Replace(',', '.');
        }

        if (!double.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            fail(column, $"must be a number with '.' as the decimal point, e.g. 45.5 (found '{text}')");
            return null;
        }

        if (value < low || value > high || (exclusiveLow && value <= low))
        {
            fail(column, $"{range} (found {text})");
            return null;
        }

        return value;
    }

    private int? Bucket(CsvRow row, Action<string, string> fail)
    {
        var text = header.Get(row, SnapshotColumns.DpdBucketNextMonth);
        if (text is null)
        {
            if (requireLabel)
            {
                fail(SnapshotColumns.DpdBucketNextMonth, "is required for training");
            }

            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bucket) && bucket is >= 0 and <= 3)
        {
            return bucket;
        }

        fail(SnapshotColumns.DpdBucketNextMonth, $"must be 0, 1, 2 or 3 (current, 1–30, 31–60, 61–90 days past due; found '{text}')");
        return null;
    }
}
