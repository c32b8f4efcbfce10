using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Training;
using CreditRisk.Tests.Ingestion;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CreditRisk.Tests.EarlyWarning;

/// <summary>
/// What a replay of a data directory admits: hand-made customers with statements only (see
/// <see cref="HandMadeReplayData"/>), A crossing 90% utilisation on 31 March and reaching 30+ DPD on 15 May.
/// </summary>
public sealed class EarlyWarningDataDirectoryTests : IAsyncLifetime
{
    private static readonly int[] Crossing = [3000, 3000, 9500, 9600, 9700, 9800];
    private static readonly int[] Steady = [3000, 3000, 3000, 3000, 3000, 3000];

    /// <summary>The day after the data's last statement (30 June 2026): the replay refuses data dated after today.</summary>
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

    private readonly string _directory = TestDirectories.New();
    private TempLiteDbStore _store = null!;

    public async Task InitializeAsync() => _store = await TempLiteDbStore.CreateAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        TestDirectories.Delete(_directory);
    }

    private EarlyWarningService Service() => HandMadeReplayData.Service(_store.Store, Today);

    private EarlyWarningRequest Request() => new() { DataDirectory = _directory, WorkDirectory = _directory, Parallelism = 1 };

    [Fact]
    public async Task RunAsync_DelinquentBeforeTheirFirstData_LeftOutAsAlreadyDelinquent()
    {
        // P reached 30+ DPD in December, before its first statement: nobody could have warned early about it. Q reached
        // it on the day of its first statement, like a store customer reaching it on the period's first day: kept.
        HandMadeReplayData.Write(
            _directory,
            new Dictionary<string, (int, int[])> { ["A"] = (0, Crossing), ["P"] = (0, Steady), ["Q"] = (0, Steady) },
            "A,2026-05-15",
            "P,2025-12-01",
            "Q,2026-01-31");

        var report = await Service().RunAsync(Request());

        Assert.Equal(2, report.Customers);
        Assert.Equal(2, report.DelinquentCustomers);
        Assert.Equal(1, report.AlreadyDelinquentCustomers);
        Assert.Equal(0.5, report.FlaggedAhead.High);
    }

    [Theory]
    [InlineData("statements.csv", "A,9999-12-31,10000,3000,3000,0", "statements.csv line 14, column statement_date")]
    [InlineData("transactions.csv", "t1,A,2062-05-01T10:00:00Z,50,purchase", "transactions.csv line 2, column timestamp")]
    public async Task RunAsync_DataDatedAfterToday_RefusedNamingFileAndLine(string file, string row, string expected)
    {
        HandMadeReplayData.Write(_directory, new Dictionary<string, (int, int[])> { ["A"] = (0, Crossing), ["C"] = (0, Steady) }, "A,2026-05-15");
        var path = Path.Combine(_directory, file);
        File.WriteAllLines(path, File.Exists(path) ? [.. File.ReadAllLines(path), row] : ["transaction_id,customer_id,timestamp,amount,type", row]);

        // Monthly steps: before data was checked against today, the 2062 row made the replay run for decades of them.
        var error = await Assert.ThrowsAsync<TrainingDataException>(() => Service().RunAsync(Request() with { StepDays = 31 }));

        Assert.StartsWith(expected, error.Message);
    }
}
