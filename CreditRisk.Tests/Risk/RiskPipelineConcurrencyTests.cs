using System.Collections.Concurrent;
using CreditRisk.Core.Features;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Risk;

public sealed class RiskPipelineConcurrencyTests
{
    private const int Customers = 100;
    private const int Transactions = 10_000;
    private const int Writers = 8;

    [Fact]
    public async Task ProcessTransactionsAsync_EightParallelWritersOnTwoInstances_ProfilesEqualBatchRecomputation()
    {
        await using var h = await PipelineHarness.CreateAsync();
        var ids = Enumerable.Range(0, Customers).Select(i => $"c{i:000}").ToArray();
        await h.AddCustomersAsync(ids);
        var random = new Random(42);
        var all = Enumerable.Range(0, Transactions).Select(i => new Transaction
        {
            Id = $"tx-{i}",
            CustomerId = ids[random.Next(Customers)],
            Timestamp = PipelineHarness.Start.AddMinutes(-random.Next(0, 260 * 24 * 60)),
            Amount = random.Next(1, 50_000) / 100m,
            Type = (TransactionType)random.Next(0, 6),
            MerchantCategory = random.Next(4) == 0 ? null : $"54{random.Next(10):00}",
        }).ToList();

        // Random batch sizes, and about one batch in ten submitted twice (a client retrying): the store's
        // idempotent insert hands each transaction to exactly one pipeline call.
        var batches = new List<Transaction[]>();
        for (var position = 0; position < all.Count;)
        {
            var batch = all.Skip(position).Take(random.Next(1, 100)).ToArray();
            position += batch.Length;
            batches.Add(batch);
            if (random.Next(10) == 0)
            {
                batches.Add(batch);
            }
        }

        var queue = new ConcurrentQueue<Transaction[]>(batches.OrderBy(_ => random.Next()));
        RiskPipeline[] instances = [h.Pipeline, h.NewInstance()];
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var pipeline = instances[w % instances.Length];
            while (queue.TryDequeue(out var batch))
            {
                var fresh = await h.Store.Transactions.InsertNewAsync(batch);
                await pipeline.ProcessTransactionsAsync(fresh);
            }
        }));
        await Task.WhenAll(writers);

        var stored = await h.Store.Profiles.GetManyAsync(ids);
        Assert.Equal(Transactions, stored.Values.Sum(p => p.TransactionCount));
        foreach (var group in all.GroupBy(t => t.CustomerId))
        {
            var expected = ProfileBuilder.Build(group.Key, group, []);
            JsonAssert.Equivalent(expected, stored[group.Key] with { Version = 0, UpdatedAt = default });
        }
    }
}
