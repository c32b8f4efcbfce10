using System.Security.Claims;
using CreditRisk.Core;
using CreditRisk.Core.Customers;
using CreditRisk.Core.Features;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Risk;
using CreditRisk.Core.Scoring;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using CreditRisk.Web.Admin;
using CreditRisk.Web.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Scoring;

/// <summary>The real wiring: the pipeline from <c>AddCreditRiskCore</c> scores with whatever is promoted, without a restart.</summary>
public sealed class ChampionInPipelineTests(TrainedModelFixture fixture) : IClassFixture<TrainedModelFixture>, IAsyncLifetime
{
    private readonly string _dir = TestDirectories.New();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(_dir, "store.db") })
            .Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddCreditRiskCore(configuration)
            .BuildServiceProvider();
        var store = _services.GetRequiredService<ICreditRiskStore>();
        await store.InitializeAsync();
        await store.Customers.UpsertManyAsync([new Customer
        {
            Id = "c1", FullName = "Customer One", Phone = "+15550000001", CreditLimit = 10_000m, OpenedOn = new DateOnly(2020, 1, 1),
        }]);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        TestDirectories.Delete(_dir);
    }

    [Fact]
    public async Task AdminPromotion_AnotherVersion_AuditRecordsTheChampionItReplaced()
    {
        var registry = _services.GetRequiredService<IModelRegistry>();
        await registry.AddAsync(ModelPackageTestData.Version("v1", fixture.Trained.PackageBytes));
        await registry.AddAsync(ModelPackageTestData.Version("v2", fixture.Trained.PackageBytes));
        var store = _services.GetRequiredService<ICreditRiskStore>();
        using var admin = new ModelAdminService(
            registry, store.Audit, _services.GetRequiredService<ModelPromotionService>(), _services.GetRequiredService<IChampionModelProvider>(),
            Options.Create(new BandingOptions()), TimeProvider.System);
        var root = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "root"), new Claim(ClaimTypes.Role, AppRoles.Admin)], "test"));

        Assert.True((await admin.PromoteAsync(root, "v1")).Succeeded);
        Assert.True((await admin.PromoteAsync(root, "v2")).Succeeded);

        var entries = await store.Audit.ListAsync(ModelAdminService.PromotedAction, 0, 10);
        Assert.Equal(
            [("none", "v1", "Behaviour champion, replacing no champion"), ("v1", "v2", "Behaviour champion, replacing v1")],
            entries.OrderBy(e => e.NewValue, StringComparer.Ordinal).Select(e => (e.OldValue, e.NewValue, e.Details)));
    }

    [Fact]
    public async Task Pipeline_AnotherVersionPromoted_NextAssessmentUsesItWithoutRestart()
    {
        var registry = _services.GetRequiredService<IModelRegistry>();
        await registry.AddAsync(ModelPackageTestData.Version("v1", fixture.Trained.PackageBytes));
        await registry.AddAsync(ModelPackageTestData.Version("v2", fixture.Trained.PackageBytes));
        var promotion = _services.GetRequiredService<ModelPromotionService>();
        var pipeline = _services.GetRequiredService<RiskPipeline>();

        await promotion.PromoteAsync("v1");
        var first = await pipeline.ProcessTransactionsAsync([TestData.Cash(TestData.Day(0), 400m)]);
        await promotion.PromoteAsync("v2");
        var second = await pipeline.ProcessTransactionsAsync([TestData.Cash(TestData.Day(1), 400m)]);

        Assert.Equal("v1", first.Single().ModelVersion);
        Assert.Equal("v2", second.Single().ModelVersion);
        Assert.NotNull(second.Single().EnsembleProbability);
        // Staff reasons name the feature the scored model's contributions point at.
        var labels = second.Single().Features.Where(f => f.Value is not null).Select(f => FeatureNames.Label(f.Name)).ToList();
        Assert.Contains(second.Single().Reasons, r => labels.Exists(l => r.StartsWith(l, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pipeline_NoChampion_RulesAloneDecide()
    {
        var assessed = await _services.GetRequiredService<RiskPipeline>().ProcessTransactionsAsync([TestData.Purchase(TestData.Day(0), 40m)]);

        Assert.Null(assessed.Single().ModelVersion);
        Assert.IsType<ChampionModelProvider>(_services.GetRequiredService<IChampionModelProvider>());
    }
}
