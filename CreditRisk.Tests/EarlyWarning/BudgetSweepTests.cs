using CreditRisk.Core.EarlyWarning;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring.Evaluation;

namespace CreditRisk.Tests.EarlyWarning;

public sealed class BudgetSweepTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddDays(360);

    /// <summary>200 customers scored weekly with a probability that rises with their index; the top tenth go delinquent.</summary>
    private static (Dictionary<string, IReadOnlyList<RiskPoint>> Timelines, Dictionary<string, DateOnly> Delinquency) Replay()
    {
        var random = new Random(5);
        var timelines = new Dictionary<string, IReadOnlyList<RiskPoint>>();
        var delinquency = new Dictionary<string, DateOnly>();
        for (var c = 0; c < 200; c++)
        {
            var points = new List<RiskPoint>();
            for (var week = 0; week < 50; week++)
            {
                var p = Math.Clamp((c / 400d) + (random.NextDouble() * 0.1), 0, 1);
                // A few rule hits at Medium, so the sweep's bands are not the model's alone.
                var rules = week % 13 == c % 13 ? RiskBand.Medium : RiskBand.Low;
                points.Add(new RiskPoint(Start.AddDays(7 * week), p, rules, RiskBand.Low));
            }

            timelines[$"C{c:D3}"] = points;
            if (c >= 180)
            {
                delinquency[$"C{c:D3}"] = DateOnly.FromDateTime(Start.AddDays(300).UtcDateTime);
            }
        }

        return (timelines, delinquency);
    }

    [Fact]
    public void Compute_Replay_OnePointPerQuantileAndTheCutoffInForceHighestFirst()
    {
        var (timelines, delinquency) = Replay();
        var inForce = new BandCutoffs(0.2, 0.4);

        var curve = BudgetSweep.Compute(timelines, delinquency, inForce, Start, End, 30);

        Assert.Equal(BudgetSweep.Quantiles.Count + 1, curve.Count);
        Assert.Equal(curve.Select(p => p.HighFrom).OrderDescending(), curve.Select(p => p.HighFrom));
        var current = Assert.Single(curve, p => p.InForce);
        Assert.Equal((0.2, 0.4), (current.MediumFrom, current.HighFrom));
        Assert.All(curve, p => Assert.Equal(Math.Min(0.2, p.HighFrom), p.MediumFrom));
        // More alerts as the cut-off falls, and more of the delinquent and of the healthy flagged.
        Assert.True(curve[^1].AlertsPer1000CustomersPerMonth > curve[0].AlertsPer1000CustomersPerMonth);
        Assert.True(curve[^1].FlaggedAhead.High >= curve[0].FlaggedAhead.High);
        Assert.True(curve[^1].FalseAlarmRate.High > curve[0].FalseAlarmRate.High);
    }

    [Fact]
    public void Compute_EachPoint_TheMeasuresOfThePipelinesCombinationAtItsCutoffs()
    {
        var (timelines, delinquency) = Replay();

        foreach (var point in BudgetSweep.Compute(timelines, delinquency, new BandCutoffs(0.2, 0.4), Start, End, 30))
        {
            var figures = EarlyWarningMeasures.Compute(
                timelines, delinquency, new Dictionary<string, DateOnly>(), EarlyWarningMeasures.WithCutoffs(new BandCutoffs(point.MediumFrom, point.HighFrom)), Start, End, 30);
            Assert.Equal(figures.AlertsPer1000CustomersPerMonth, point.AlertsPer1000CustomersPerMonth);
            Assert.Equal(figures.FlaggedAhead, point.FlaggedAhead);
            Assert.Equal(figures.FalseAlarmRate, point.FalseAlarmRate);
        }
    }

    [Fact]
    public void Compute_RulesAloneReplayed_Empty()
    {
        var timelines = new Dictionary<string, IReadOnlyList<RiskPoint>>
        {
            ["A"] = [new RiskPoint(Start, null, RiskBand.High, RiskBand.High)],
        };

        Assert.Empty(BudgetSweep.Compute(timelines, new Dictionary<string, DateOnly>(), new BandCutoffs(0.1, 0.3), Start, End, 30));
    }
}
