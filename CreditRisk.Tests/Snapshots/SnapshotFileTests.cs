using CreditRisk.Core.Ingestion.Csv;
using CreditRisk.Core.Snapshots;

namespace CreditRisk.Tests.Snapshots;

/// <summary>Reading and checking snapshot files: header matching, delimiters, and bad rows with line and column.</summary>
public sealed class SnapshotFileTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);
    private readonly string _directory = Directory.CreateTempSubdirectory("creditrisk-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SnapshotFileContent Read(string content, bool requireLabel = false, decimal maxCreditLimit = 1_000_000_000m)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return SnapshotFile.Read(path, AsOf, DateTimeOffset.UnixEpoch, requireLabel, maxCreditLimit);
    }

    [Theory]
    [InlineData("Utilisation %", SnapshotColumns.UtilisationPct)]
    [InlineData("utilisation_pct", SnapshotColumns.UtilisationPct)]
    [InlineData("UTILIZATION", SnapshotColumns.UtilisationPct)]
    [InlineData("  utilization %  ", SnapshotColumns.UtilisationPct)]
    [InlineData("customer_id", SnapshotColumns.CustomerId)]
    [InlineData("CustomerID", SnapshotColumns.CustomerId)]
    [InlineData("avg_payment_ratio", SnapshotColumns.AvgPaymentRatio)]
    [InlineData("min_due_paid_frequency", SnapshotColumns.MinDuePaidFrequency)]
    [InlineData("merchant-mix-index", SnapshotColumns.MerchantMixIndex)]
    [InlineData("cash_withdrawal_pct", SnapshotColumns.CashWithdrawalPct)]
    [InlineData("Recent spend change (%)", SnapshotColumns.RecentSpendChangePct)]
    [InlineData("dpd_bucket_next_month", SnapshotColumns.DpdBucketNextMonth)]
    [InlineData("\uFEFFCustomer ID", SnapshotColumns.CustomerId)]
    public void Match_SpellingsAndAliases_NameTheDocumentedColumn(string header, string column) =>
        Assert.Equal(column, SnapshotColumns.Match(header));

    [Fact]
    public void Read_HeaderOnly_RefusedOnLineTwo()
    {
        var content = Read(SnapshotSamples.Header + "\n");

        Assert.False(content.IsValid);
        Assert.Empty(content.Snapshots);
        var problem = Assert.Single(content.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Equal("The file has a header row but no customer rows.", problem.Reason);
    }

    [Fact]
    public void Match_UnrelatedHeader_IsNull() => Assert.Null(SnapshotColumns.Match("Favourite colour"));

    [Fact]
    public void Read_AliasedHeadersInAnotherOrder_ReadsEveryValueFromItsColumn()
    {
        var content = Read(
            "dpd_bucket,customer_id,limit,utilization,payment_ratio,min_due_paid_freq,merchant_mix,cash_withdrawal_pct,spend_change_pct\n" +
            "2,C-9,75000,91.5,12,80,0.15,45,-70\n");

        Assert.True(content.IsValid, string.Join("; ", content.Problems));
        var snapshot = Assert.Single(content.Snapshots);
        Assert.Equal(("C-9", 75_000m, 91.5, 12d, 80d, 0.15, 45d, -70d, 2), (snapshot.CustomerId, snapshot.CreditLimit, snapshot.UtilisationPct,
            snapshot.AvgPaymentRatioPct, snapshot.MinDuePaidFrequencyPct, snapshot.MerchantMixIndex, snapshot.CashWithdrawalPct,
            snapshot.RecentSpendChangePct, snapshot.DpdBucketNextMonth!.Value));
        Assert.Equal(AsOf, snapshot.AsOf);
    }

    [Fact]
    public void Read_SemicolonsWithDecimalCommasAndPercentSigns_Parses()
    {
        var content = Read(
            "Customer ID;Credit Limit;Utilisation %;Avg Payment Ratio;Min Due Paid Frequency;Merchant Mix Index;Cash Withdrawal %;Recent Spend Change %;DPD Bucket Next Month\r\n" +
            "C-1;50000;45,5%;60;20;0,55;5,25;-10,5;0\r\n");

        Assert.True(content.IsValid, string.Join("; ", content.Problems));
        Assert.Equal(';', content.Delimiter);
        var snapshot = Assert.Single(content.Snapshots);
        Assert.Equal((45.5, 0.55, 5.25, -10.5), (snapshot.UtilisationPct, snapshot.MerchantMixIndex, snapshot.CashWithdrawalPct, snapshot.RecentSpendChangePct));
    }

    [Fact]
    public void Read_BadRows_ReportsEachWithLineAndColumnAsTheFileSpellsIt()
    {
        var content = Read(
            "customer_id,Credit Limit,utilisation_pct,Avg Payment Ratio,Min Due Paid Frequency,Merchant Mix Index,Cash Withdrawal %,Recent Spend Change %,DPD Bucket Next Month\n" +
            SnapshotSamples.Row("C-1") + "\n" +
            SnapshotSamples.Row("C-2", utilisation: "abc") + "\n" +
            SnapshotSamples.Row("C-3", mix: "1.7", bucket: "5") + "\n" +
            SnapshotSamples.Row("C-1", utilisation: "99") + "\n" +
            "C-5,1000\n");

        Assert.False(content.IsValid);
        Assert.Equal("C-1", Assert.Single(content.Snapshots).CustomerId);
        Assert.Equal(4, content.BadRows);
        Assert.Collection(content.Problems,
            p => Assert.Equal((3L, "utilisation_pct"), (p.Line, p.Column)),
            p => Assert.Equal((4L, "Merchant Mix Index"), (p.Line, p.Column)),
            p => Assert.Equal((4L, "DPD Bucket Next Month"), (p.Line, p.Column)),
            p => Assert.Equal((5L, "customer_id"), (p.Line, p.Column)),
            p => Assert.Equal((6L, CsvFieldError.WholeRow), (p.Line, p.Column)));
        Assert.Contains("must be a number", content.Problems[0].Reason);
        Assert.Contains("from 0 to 1", content.Problems[1].Reason);
        Assert.Contains("line 2", content.Problems[3].Reason);
        Assert.Equal("f.csv:3: utilisation_pct: " + content.Problems[0].Reason, content.Problems[0].Describe("f.csv"));
    }

    [Theory]
    [InlineData("1000000001", "must be a positive amount of at most 1,000,000,000 (found 1000000001)")]
    [InlineData("0", "must be a positive amount of at most 1,000,000,000 (found 0)")]
    [InlineData("5000.0001", "must have at most 3 decimal places (found 5000.0001)")]
    [InlineData("5000.00000000000000000000000001", "must be a number with '.' as the decimal point, e.g. 45.5 (found '5000.00000000000000000000000001')")]
    public void Read_CreditLimitPastTheCustomerFilesBoundsOrMinorUnits_IsAProblemNamingIt(string limit, string reason)
    {
        // The limit lands on the customer's record, so it meets the customer file's rules (Ingestion:MaxAccountAmount).
        var content = Read(SnapshotSamples.Header + "\n" + SnapshotSamples.Row("C-1", limit: limit) + "\n");

        var problem = Assert.Single(content.Problems);
        Assert.Equal((2L, SnapshotColumns.CreditLimit, reason), (problem.Line, problem.Column, problem.Reason));
    }

    [Fact]
    public void Read_CreditLimitWithDecimalCommaAtTheBound_IsReadExactly()
    {
        var content = Read(SnapshotSamples.Header.Replace(',', ';') + "\nC-1;2500,125;45,5;60;20;0,55;5;-10;0\n", maxCreditLimit: 2500.125m);

        Assert.True(content.IsValid, string.Join("; ", content.Problems));
        Assert.Equal(2500.125m, Assert.Single(content.Snapshots).CreditLimit);
    }

    [Fact]
    public void Read_IdenticalRepeat_CountedOnceNotAProblem()
    {
        var content = Read(SnapshotSamples.Header + "\n" + SnapshotSamples.Row("C-1") + "\n" + SnapshotSamples.Row("C-1") + "\n");

        Assert.True(content.IsValid);
        Assert.Single(content.Snapshots);
        Assert.Equal(1, content.Repeats);
    }

    [Fact]
    public void Read_MissingColumn_OneProblemOnLineOne()
    {
        var content = Read("Customer ID,Credit Limit,Utilisation %\nC-1,1000,50\n");

        var problem = Assert.Single(content.Problems);
        Assert.Equal((1L, "Avg Payment Ratio"), (problem.Line, problem.Column));
        Assert.Contains("lacks column(s) Avg Payment Ratio", problem.Reason);
        Assert.Empty(content.Snapshots);
    }

    [Fact]
    public void Read_UnknownOrDoubledColumn_NamesIt()
    {
        var unknown = Read(SnapshotSamples.Header + ",Favourite colour\n");
        var doubled = Read(SnapshotSamples.Header + ",utilization\n");

        Assert.Equal("Favourite colour", Assert.Single(unknown.Problems).Column);
        Assert.Contains("both the column Utilisation %", Assert.Single(doubled.Problems).Reason);
    }

    [Fact]
    public void Read_NoLabelColumn_FineForImportNotForTraining()
    {
        var header = string.Join(",", SnapshotColumns.Ordered.SkipLast(1));
        var row = string.Join(",", SnapshotSamples.Row("C-1").Split(',').SkipLast(1));

        Assert.True(Read($"{header}\n{row}\n").IsValid);
        var training = Read($"{header}\n{row}\n", requireLabel: true);
        Assert.Contains("training needs the label", Assert.Single(training.Problems).Reason);
        var emptyCell = Read(SnapshotSamples.Header + "\n" + SnapshotSamples.Row("C-1", bucket: "") + "\n", requireLabel: true);
        Assert.Equal("is required for training", Assert.Single(emptyCell.Problems).Reason);
    }
}
