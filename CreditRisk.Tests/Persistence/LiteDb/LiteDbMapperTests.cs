using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence.LiteDb;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Persistence.LiteDb;

public sealed class LiteDbMapperTests
{
    [Fact]
    public void Create_StoredTypeWithNestedRecords_MapsThemWithoutBuildingOnFirstUse()
    {
        var mapper = LiteDbMapper.Create();

        // The mapper refuses to build mappings after Create, so this passes only if the nested records, lists and
        // dictionaries were all found and built up front.
        var doc = mapper.ToDocument(A.Profile("c1"));
        var profile = mapper.ToObject<BehaviorProfile>(doc);

        Assert.Equal("c1", doc["_id"].AsString);
        Assert.Equal(2, profile.Days[0].MerchantCategoryCounts["5411"]);

        // Days are values: every field must survive, not only the first one read.
        static object Sums(DailyActivity d) => (d.Day, d.Purchases, d.PurchaseCount, d.CashWithdrawals, d.CashWithdrawalCount, d.Payments, d.PaymentCount, d.Refunds, d.FeesAndInterest, string.Join(',', d.MerchantCategoryCounts));
        Assert.Equal(A.Profile("c1").Days.Select(Sums), profile.Days.Select(Sums));
        Assert.Equal(A.Profile("c1").Cycles.Count, profile.Cycles.Count);
    }

    [Fact]
    public void ToDocument_TypeNotMappedUpFront_ThrowsInsteadOfMappingItLazily()
    {
        var mapper = LiteDbMapper.Create();

        // Building a mapping on first use is what raced: a concurrent caller saw a half-built one and stored documents
        // missing fields. An unknown type must fail loudly, every time.
        var ex = Assert.Throws<InvalidOperationException>(() => mapper.ToDocument(new NotStored { Name = "x" }));

        Assert.Contains(nameof(NotStored), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToObject_ModelVersionDocumentWithoutCurvesField_LoadsWithNullCurves()
    {
        var mapper = LiteDbMapper.Create();
        var doc = mapper.ToDocument(A.ModelVersion("v1") with { Curves = A.ModelCurves() });
        Assert.True(doc.ContainsKey("Curves"));

        // Registries written before curves were kept have no such field.
        doc.Remove("Curves");

        Assert.Null(mapper.ToObject<Core.Scoring.ModelVersion>(doc).Curves);
    }

    [Fact]
    public void ToObject_ModelVersionDocumentWithEnsembleCurvesOnly_LoadsThemAsTheEnsembleOfEachModel()
    {
        var mapper = LiteDbMapper.Create();
        var doc = mapper.ToDocument(A.ModelVersion("v1") with { Curves = A.ModelCurves(), CurvesByModel = A.CurvesByModel() });
        Assert.True(doc.ContainsKey("CurvesByModel"));

        // Registries written when only the ensemble's curves were kept have no per-model field.
        doc.Remove("CurvesByModel");
        var version = mapper.ToObject<Core.Scoring.ModelVersion>(doc);

        Assert.Empty(version.CurvesByModel);
        Assert.Equal([Core.Scoring.ModelNames.Ensemble], version.CurvesOfEachModel().Keys);
        JsonAssert.Equivalent(A.ModelCurves(), version.CurvesOfEachModel()[Core.Scoring.ModelNames.Ensemble]);
    }

    [Fact]
    public void ToObject_ModelVersionDocumentWithoutCutoffFields_LoadsWithNoCutoffsAndNoCurve()
    {
        var mapper = LiteDbMapper.Create();
        var doc = mapper.ToDocument(A.ModelVersion("v1") with { Cutoffs = A.ChosenCutoffs(), BudgetCurve = A.BudgetCurve() });
        Assert.True(doc.ContainsKey("Cutoffs"));
        Assert.True(doc.ContainsKey("BudgetCurve"));
        Assert.Equal("Budget", doc["Cutoffs"]["Basis"].AsString);

        // Registries written before cut-offs were chosen at training have neither field.
        doc.Remove("Cutoffs");
        doc.Remove("BudgetCurve");
        var version = mapper.ToObject<Core.Scoring.ModelVersion>(doc);

        Assert.Null(version.Cutoffs);
        Assert.Empty(version.BudgetCurve);
        Assert.Equal(Core.Risk.CutoffOrigin.LegacyDefaults, Core.Risk.BandCutoffResolver.Resolve(new Core.Risk.BandingOptions(), version).Origin);
    }

    private sealed record NotStored
    {
        public string Name { get; init; } = "";
    }
}
