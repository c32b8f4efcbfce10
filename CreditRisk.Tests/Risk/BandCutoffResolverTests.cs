using System.ComponentModel.DataAnnotations;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Core.Scoring.Cutoffs;
using CreditRisk.Core.Scoring.Evaluation;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Risk;

public sealed class BandCutoffResolverTests
{
    private static readonly BandCutoffs Stored = new(0.07, 0.22);

    [Fact]
    public void Resolve_Pinned_WinsOverTheModels()
    {
        var resolved = BandCutoffResolver.Resolve(new BandingOptions { MediumFrom = 0.2, HighFrom = 0.5 }, new StoredModel(Stored));

        Assert.Equal(new EffectiveCutoffs(new BandCutoffs(0.2, 0.5), CutoffOrigin.Pinned), resolved);
    }

    [Fact]
    public void Resolve_NothingPinned_TheModelsOwn()
    {
        Assert.Equal(new EffectiveCutoffs(Stored, CutoffOrigin.Model), BandCutoffResolver.Resolve(new BandingOptions(), new StoredModel(Stored)));
    }

    [Fact]
    public void Resolve_ModelWithoutStoredCutoffsOrNoModel_LegacyDefaults()
    {
        var legacy = new EffectiveCutoffs(new BandCutoffs(0.10, 0.30), CutoffOrigin.LegacyDefaults);

        Assert.Equal(legacy, BandCutoffResolver.Resolve(new BandingOptions(), new StoredModel(null)));
        Assert.Equal(legacy, BandCutoffResolver.Resolve(new BandingOptions(), (IRiskModel?)null));
    }

    [Fact]
    public void Resolve_RegistryEntry_ItsStoredCutoffsOrLegacy()
    {
        var version = A.ModelVersion("v1") with
        {
            Cutoffs = new ChosenCutoffs { MediumFrom = Stored.MediumFrom, HighFrom = Stored.HighFrom, Basis = CutoffBasis.Budget },
        };

        Assert.Equal(new EffectiveCutoffs(Stored, CutoffOrigin.Model), BandCutoffResolver.Resolve(new BandingOptions(), version));
        Assert.Equal(CutoffOrigin.LegacyDefaults, BandCutoffResolver.Resolve(new BandingOptions(), version with { Cutoffs = null }).Origin);
        Assert.Equal(CutoffOrigin.Pinned, BandCutoffResolver.Resolve(new BandingOptions { MediumFrom = 0.1, HighFrom = 0.2 }, version).Origin);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(0.2, 0.5, true)]
    [InlineData(null, 0.5, false)]
    [InlineData(0.2, null, false)]
    public void BandOf_AnyProbability_SameBandAsTheResolvedCutoffs(double? medium, double? high, bool withStored)
    {
        var options = new BandingOptions { MediumFrom = medium, HighFrom = high };
        if (medium.HasValue != high.HasValue)
        {
            // Half a pin is refused at start (below); the resolver then ignores it rather than guess the other half.
            Assert.Null(options.Pinned);
        }

        var model = new StoredModel(withStored ? Stored : null);
        var resolved = BandCutoffResolver.Resolve(options, model).Cutoffs;
        for (var p = 0.0; p <= 1.0; p += 0.005)
        {
            Assert.Equal(resolved.BandOf(p), BandCutoffResolver.BandOf(p, options, model));
        }
    }

    [Fact]
    public void BandingOptions_OnlyOneCutoffPinned_InvalidNamingTheMissingOne()
    {
        var results = Validate(new BandingOptions { HighFrom = 0.4 });

        var error = Assert.Single(results);
        Assert.Contains("set both or neither", error.ErrorMessage);
        Assert.Equal([nameof(BandingOptions.MediumFrom)], error.MemberNames);
    }

    [Fact]
    public void BandingOptions_PinnedHighNotAboveMedium_Invalid()
    {
        var error = Assert.Single(Validate(new BandingOptions { MediumFrom = 0.4, HighFrom = 0.4 }));

        Assert.Contains("must be greater than", error.ErrorMessage);
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(2000, 0.1)]
    [InlineData(25, 0)]
    [InlineData(25, 1)]
    public void BandingOptions_BudgetOutOfRange_Invalid(double alerts, double share)
    {
        Assert.NotEmpty(Validate(new BandingOptions { HighAlertsPer1000PerMonth = alerts, WatchListShare = share }));
    }

    [Fact]
    public void BandingOptions_Defaults_ValidUnpinnedWithTheIssuesBudget()
    {
        var options = new BandingOptions();

        Assert.Empty(Validate(options));
        Assert.Null(options.Pinned);
        Assert.Equal(new AlertBudget(25, 0.10), options.Budget);
    }

    private static List<ValidationResult> Validate(BandingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private sealed class StoredModel(BandCutoffs? stored) : IRiskModel
    {
        public string Version => "m";

        public IReadOnlyList<string> FeatureNames => Core.Features.FeatureNames.Ordered;

        public BandCutoffs? StoredCutoffs => stored;

        public ModelScore Score(ReadOnlySpan<double?> features) => throw new NotSupportedException();
    }
}
