using System.Security.Claims;
using System.Text.Json;
using Bunit;
using Bunit.TestDoubles;
using CreditRisk.Core;
using CreditRisk.Core.Persistence;
using CreditRisk.Tests.Support;
using CreditRisk.Web.Authorization;
using CreditRisk.Web.Customers;
using CreditRisk.Web.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace CreditRisk.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor, the Core services over a temporary LiteDB file, the console services, a fixed
/// clock and bUnit's fake authentication (roles and claims set per test). Composed by the test classes, disposed async.
/// </summary>
public sealed class ConsoleHarness : IAsyncDisposable
{
    private readonly string _directory = TestDirectories.New();

    /// <param name="services">Extra registrations a page needs, added before anything is resolved (bUnit refuses later ones).</param>
    public ConsoleHarness(Action<IServiceCollection>? services = null)
    {
        Directory.CreateDirectory(_directory);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:SqlitePath"] = Path.Combine(_directory, "store.db") })
            .Build();
        Context.Services.AddSingleton<IConfiguration>(configuration);
        Context.Services.AddLogging();
        Context.Services.AddCreditRiskCore(configuration);
        Context.Services.AddSingleton<TimeProvider>(Clock);
        services?.Invoke(Context.Services);
        Context.Services.AddMudServices();
        Context.Services.AddCreditRiskConsole();
        Context.Services.AddSingleton<IRetrainJobQueue>(RetrainJobs);
        Context.Services.AddSingleton<IRulesWhatIfJobQueue>(WhatIfJobs);
        Auth = Context.AddAuthorization();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public BunitContext Context { get; } = new();

    /// <summary>Retrain jobs are only remembered, never run (no Hangfire in component tests).</summary>
    public FakeRetrainJobQueue RetrainJobs { get; } = new();

    /// <summary>Backtest jobs are only remembered, never run.</summary>
    public FakeRulesWhatIfJobQueue WhatIfJobs { get; } = new();

    public BunitAuthorizationContext Auth { get; }

    /// <summary>Fixed at <see cref="Builders.A.Now"/>.</summary>
    public FakeTimeProvider Clock { get; } = new(Builders.A.Now);

    public ICreditRiskStore Store => Context.Services.GetRequiredService<ICreditRiskStore>();

    public T Get<T>() where T : notnull => Context.Services.GetRequiredService<T>();

    /// <summary>The chart wrapper's JS module, recording every call; set it up before rendering a chart.</summary>
    public BunitJSModuleInterop SetupChartModule()
    {
        var charts = Context.JSInterop.SetupModule("./Components/Shared/ApexChart.razor.js");
        charts.Mode = JSRuntimeMode.Loose;
        return charts;
    }

    /// <summary>The options the one chart created through <paramref name="charts"/> was drawn with.</summary>
    public static JsonElement CreatedChartOptions(BunitJSModuleInterop charts) =>
        JsonDocument.Parse((string)Assert.Single(charts.Invocations["create"]).Arguments[2]!).RootElement;

    public static async Task<ConsoleHarness> CreateAsync(Action<IServiceCollection>? services = null)
    {
        var harness = new ConsoleHarness(services);
        await harness.Store.InitializeAsync();
        return harness;
    }

    /// <summary>Renders <typeparamref name="TComponent"/> after a popover provider (selects and menus need one).</summary>
    public IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        Context.Render<MudBlazor.MudPopoverProvider>();
        return Context.Render(parameters);
    }

    public void SignInStaff(string name, string role)
    {
        Auth.SetAuthorized(name);
        Auth.SetRoles(role);
    }

    public void SignInCustomer(string customerId)
    {
        Auth.SetAuthorized("+910000000000");
        Auth.SetRoles(AppRoles.Customer);
        Auth.SetClaims(new Claim(CreditRiskClaimTypes.CustomerId, customerId));
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        TestDirectories.Delete(_directory);
    }
}
