using CreditRisk.Core.Features;
using CreditRisk.Core.Statements;
using CreditRisk.Core.Training;
using CreditRisk.Core.Transactions;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Training;

public sealed class PointInTimeFeaturesTests
{
    private static readonly DateOnly Start = new(2025, 1, 1);

    [Fact]
    public void Build_DataOnOrAfterAsOf_NeverChangesTheVector()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var (transactions, statements) = RandomHistory(seed);
            var asOfs = new[] { Start.AddDays(70), Start.AddDays(120), Start.AddDays(151), Start.AddDays(200) };
            var full = PointInTimeFeatures.Build(History(transactions, statements, asOfs));

            var random = new Random(seed + 1000);
            for (var k = 0; k < asOfs.Length; k++)
            {
                var asOf = asOfs[k];
                var cutoff = new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var before = transactions.Where(t => t.Timestamp < cutoff).ToList();
                var beforeStatements = statements.Where(s => s.StatementDate < asOf).ToList();

                // Replace the future with noise: more cash, huge arrears, and different payments that land on/after as_of.
                var noisyTransactions = before
                    .Concat(Enumerable.Range(0, 30).Select(i => TestData.Tx(asOf.AddDays(random.Next(0, 60)), 900m + i, TransactionType.CashWithdrawal, "6011")))
                    .Append(TestData.Tx(asOf, 5000m, hour: 0))
                    .ToList();
                var noisyStatements = beforeStatements
                    .Select(s => s.PaidOn is { } paid && paid >= asOf ? s with { AmountPaid = s.AmountPaid + 777m, PaidOn = paid.AddDays(3) } : s)
                    .Append(TestData.Stmt(asOf, 99_999m, dpd: 90) with { PaidOn = asOf })
                    .Append(TestData.Stmt(asOf.AddDays(30), 99_999m, dpd: 120))
                    .ToList();
                var alone = PointInTimeFeatures.Build(History(noisyTransactions, noisyStatements, [asOf]));

                Assert.Equal(full[k].Features, alone[0].Features);
            }
        }
    }

    [Fact]
    public void Build_EqualsFeatureEngineOnAProfileBuiltFromTheKnownPast()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var (transactions, statements) = RandomHistory(seed);
            var asOfs = new[] { Start.AddDays(95), Start.AddDays(181) };
            var rows = PointInTimeFeatures.Build(History(transactions, statements, asOfs));

            for (var k = 0; k < asOfs.Length; k++)
            {
                var asOf = asOfs[k];
                var cutoff = new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var known = statements.Where(s => s.StatementDate < asOf).Select(s => PointInTimeFeatures.AsKnownOn(s, asOf)).ToList();
                var profile = ProfileBuilder.Build("c1", transactions.Where(t => t.Timestamp < cutoff), known);
                var expected = FeatureEngine.Compute(profile, known.MaxBy(s => s.StatementDate)?.CreditLimit ?? 10_000m, PointInTimeFeatures.AssessmentTime(asOf));

                Assert.Equal(expected, rows[k].Features);
            }
        }
    }

    [Fact]
    public void Build_TransactionAtMidnightOfAsOf_IsLeftOut()
    {
        var asOf = Start.AddDays(40);
        var lastMillisecond = TestData.Tx(asOf.AddDays(-1), 10m) with { Timestamp = PointInTimeFeatures.AssessmentTime(asOf) };
        var midnight = TestData.Tx(asOf, 10m, hour: 0);

        var row = PointInTimeFeatures.Build(History([lastMillisecond, midnight], [], [asOf]))[0];

        Assert.Equal(1, row.Features[FeatureIndex.PurchaseCount30d]);
    }

    [Fact]
    public void AsKnownOn_PaymentOnOrAfterAsOf_IsNotYetKnown()
    {
        var statement = TestData.Stmt(Start, 1000m, minimumDue: 50m, paid: 1000m) with { PaidOn = Start.AddDays(20) };

        Assert.Same(statement, PointInTimeFeatures.AsKnownOn(statement, Start.AddDays(21)));
        var early = PointInTimeFeatures.AsKnownOn(statement, Start.AddDays(20));
        Assert.Equal(0m, early.AmountPaid);
        Assert.Null(early.PaidOn);
    }

    [Fact]
    public void Build_RowsComeBackInLabelFileOrder()
    {
        var history = History([TestData.Purchase(Start, 10m)], [], [Start.AddDays(90), Start.AddDays(30), Start.AddDays(60)]);

        var rows = PointInTimeFeatures.Build(history);

        Assert.Equal([Start.AddDays(90), Start.AddDays(30), Start.AddDays(60)], rows.Select(r => r.AsOf));
    }

    private static LabeledHistory History(IEnumerable<Transaction> transactions, IEnumerable<Statement> statements, DateOnly[] asOfs)
    {
        var customer = new CustomerHistory("c1", 10_000m);
        customer.Transactions.AddRange(transactions.Select(t =>
            new CompactTransaction(t.Timestamp.UtcTicks, t.Amount, t.Type, t.MerchantCategory)));
        customer.Statements.AddRange(statements);
        for (var i = 0; i < asOfs.Length; i++)
        {
            customer.Labels.Add(new LabelRow(i, asOfs[i], i % 2 == 0));
        }

        return new LabeledHistory(new() { ["c1"] = customer }, asOfs.Length, hasTransactions: true, hasStatements: true);
    }

    /// <summary>About eight months of mixed activity and monthly statements, some paid late, some not at all.</summary>
    private static (List<Transaction>, List<Statement>) RandomHistory(int seed)
    {
        var random = new Random(seed);
        string[] categories = ["5411", "5812", "5541", "5912", "5311"];
        var transactions = new List<Transaction>();
        for (var day = 0; day < 240; day++)
        {
            for (var n = random.Next(0, 3); n > 0; n--)
            {
                var type = random.NextDouble() switch
                {
                    < 0.75 => TransactionType.Purchase,
                    < 0.85 => TransactionType.CashWithdrawal,
                    < 0.95 => TransactionType.Payment,
                    _ => TransactionType.Refund,
                };
                transactions.Add(TestData.Tx(Start.AddDays(day), Math.Round((decimal)(5 + (random.NextDouble() * 400)), 2), type,
                    type == TransactionType.Purchase ? categories[random.Next(categories.Length)] : null, hour: random.Next(0, 24)));
            }
        }

        var statements = new List<Statement>();
        for (var month = 1; month <= 8; month++)
        {
            var date = Start.AddDays((month * 30) - 1);
            var balance = Math.Round((decimal)(random.NextDouble() * 8000), 2);
            var paid = random.NextDouble() < 0.2 ? 0m : Math.Round(balance * (decimal)random.NextDouble(), 2);
            statements.Add(TestData.Stmt(date, balance, minimumDue: Math.Round(balance * 0.05m, 2), paid: paid, dpd: paid == 0 ? random.Next(0, 40) : 0)
                with { PaidOn = paid == 0 ? null : date.AddDays(random.Next(3, 45)) });
        }

        return (transactions, statements);
    }
}
