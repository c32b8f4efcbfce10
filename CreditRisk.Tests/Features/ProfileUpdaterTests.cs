using System.Text.Json;
using CreditRisk.Core.Features;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Transactions;
using static CreditRisk.Tests.Builders.TestData;

namespace CreditRisk.Tests.Features;

public sealed class ProfileUpdaterTests
{
    private static readonly string[] Categories = ["5411", "5812", "5912", "5999", "4111", "5541", "7011", "5732"];

    [Fact]
    public void Apply_RandomHistoriesInAnyOrder_EqualsBatchRecomputation()
    {
        var random = new Random(20251126);
        for (var history = 0; history < 500; history++)
        {
            var (transactions, statements) = RandomHistory(random, $"c{history}");
            var expected = ProfileBuilder.Build($"c{history}", transactions, statements);

            var incremental = ApplyShuffledInChunks(random, $"c{history}", transactions, statements);

            Assert.Equal(Json(expected), Json(incremental));
        }
    }

    [Fact]
    public void Apply_LateTransactionOutsideWindow_MovesOnlyTotals()
    {
        var profile = ProfileUpdater.Apply(ProfileUpdater.Empty("c1"), Purchase(Day(300), 10m));

        var after = ProfileUpdater.Apply(profile, Payment(Day(100), 4m));

        Assert.Single(after.Days);
        Assert.Equal(6m, after.NetBalance);
        Assert.Equal(2, after.TransactionCount);
        Assert.Equal(Day(100), after.FirstTransactionDay);
        Assert.Equal(Day(100), after.PrunedThrough);
    }

    [Fact]
    public void Apply_NewLatestDay_PrunesBucketsOlderThanWindow()
    {
        var profile = ProfileUpdater.Apply(ProfileUpdater.Empty("c1"), [Purchase(Day(0), 1m), Purchase(Day(10), 2m)], []);

        var after = ProfileUpdater.Apply(profile, Purchase(Day(10 + ProfileWindow.Days), 3m));

        Assert.Equal([Day(10 + ProfileWindow.Days)], after.Days.Select(d => d.Day));
        Assert.Equal(Day(10), after.PrunedThrough);
        Assert.Equal(6m, after.NetBalance);
    }

    [Fact]
    public void Apply_DayExactlyWindowLengthBack_IsKept()
    {
        var profile = ProfileUpdater.Apply(
            ProfileUpdater.Empty("c1"), [Purchase(Day(ProfileWindow.Days - 1), 1m), Purchase(Day(0), 2m)], []);

        Assert.Equal(2, profile.Days.Count);
        Assert.Null(profile.PrunedThrough);
    }

    [Fact]
    public void Apply_SameStatementDateTwice_ReplacesCycle()
    {
        var profile = ProfileUpdater.Apply(ProfileUpdater.Empty("c1"), Stmt(Day(30), 500m));

        var after = ProfileUpdater.Apply(profile, Stmt(Day(30), 500m, paid: 500m));

        Assert.Equal(500m, Assert.Single(after.Cycles).AmountPaid);
    }

    [Fact]
    public void Apply_ThirteenthStatement_DropsOldest()
    {
        var statements = Enumerable.Range(0, ProfileWindow.Cycles + 1).Select(i => Stmt(Day(30 * i), i)).Reverse().ToList();

        var profile = ProfileUpdater.Apply(ProfileUpdater.Empty("c1"), [], statements);

        Assert.Equal(ProfileWindow.Cycles, profile.Cycles.Count);
        Assert.Equal(Day(30), profile.Cycles[0].StatementDate);
    }

    [Fact]
    public void Apply_AnyInput_DoesNotMutateTheGivenProfile()
    {
        var before = ProfileUpdater.Apply(ProfileUpdater.Empty("c1"), Purchase(Day(5), 10m, "5411"));
        var snapshot = Json(before);

        _ = ProfileUpdater.Apply(before, [Purchase(Day(5), 3m, "5411"), Purchase(Day(5), 3m, "5812"), Purchase(Day(400), 1m)], [Stmt(Day(6), 1m)]);

        Assert.Equal(snapshot, Json(before));
    }

    [Fact]
    public void Apply_TransactionOfAnotherCustomer_Throws()
    {
        Assert.Throws<ArgumentException>(() => ProfileUpdater.Apply(ProfileUpdater.Empty("c1"), Purchase(Day(1), 1m, customerId: "c2")));
    }

    [Fact]
    public void Apply_PurchaseWithCategories_KeepsCategoryKeysInOrdinalOrder()
    {
        var profile = ProfileUpdater.Apply(
            ProfileUpdater.Empty("c1"),
            [Purchase(Day(1), 1m, "5999"), Purchase(Day(1), 1m, "4111"), Purchase(Day(1), 1m, "5411"), Purchase(Day(1), 1m, "4111")],
            []);

        var counts = Assert.Single(profile.Days).MerchantCategoryCounts;
        Assert.Equal(["4111", "5411", "5999"], counts.Keys);
        Assert.Equal([2, 1, 1], counts.Values);
    }

    private static BehaviorProfile ApplyShuffledInChunks(
        Random random, string customerId, List<Transaction> transactions, List<Statement> statements)
    {
        var items = transactions.Cast<object>().Concat(statements).OrderBy(_ => random.Next()).ToList();
        var profile = ProfileUpdater.Empty(customerId);
        var position = 0;
        while (position < items.Count)
        {
            var chunk = items.Skip(position).Take(random.Next(1, 8)).ToList();
            position += chunk.Count;
            profile = chunk.Count == 1 && random.Next(2) == 0
                ? chunk[0] switch
                {
                    Transaction t => ProfileUpdater.Apply(profile, t),
                    Statement s => ProfileUpdater.Apply(profile, s),
                    _ => throw new InvalidOperationException(),
                }
                : ProfileUpdater.Apply(profile, chunk.OfType<Transaction>().ToList(), chunk.OfType<Statement>().ToList());

            if (random.Next(4) == 0)
            {
                // What a store round trip does: the next update starts from a deserialised copy.
                profile = JsonSerializer.Deserialize<BehaviorProfile>(Json(profile))!;
            }
        }

        return profile;
    }

    private static (List<Transaction> Transactions, List<Statement> Statements) RandomHistory(Random random, string customerId)
    {
        var spanDays = random.Next(1, 500);
        var transactions = new List<Transaction>();
        var count = random.Next(0, 120);
        for (var i = 0; i < count; i++)
        {
            var type = (TransactionType)random.Next(0, 6);
            var at = Epoch.AddDays(random.Next(0, spanDays)).AddMilliseconds(random.Next(0, 86_400_000));
            transactions.Add(new Transaction
            {
                Id = $"{customerId}-t{i}",
                CustomerId = customerId,
                Timestamp = at,
                Amount = Math.Round((decimal)random.Next(1, 500_000) / 100m, random.Next(0, 3)),
                Type = type,
                MerchantCategory = random.Next(5) == 0 ? null : Categories[random.Next(Categories.Length)],
            });
        }

        var statements = Enumerable.Range(0, random.Next(0, 20))
            .Select(i => random.Next(0, spanDays + 60))
            .Distinct()
            .Select(offset => Stmt(
                Day(offset),
                balance: random.Next(-100, 20_000),
                minimumDue: random.Next(3) == 0 ? null : random.Next(0, 800),
                paid: random.Next(0, 5_000),
                dpd: random.Next(4) == 0 ? random.Next(1, 90) : 0,
                customerId: customerId))
            .ToList();

        return (transactions, statements);
    }

    private static string Json(BehaviorProfile profile) => JsonSerializer.Serialize(profile);
}
