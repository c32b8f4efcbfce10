using CreditRisk.Core;
using CreditRisk.Core.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditRisk.Tests.Ingestion;

public sealed class IngestionOptionsTests
{
    private static IngestionOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddCreditRiskCore(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<IngestionOptions>>().Value;
    }

    [Fact]
    public void Bind_NoConfiguration_UsesDocumentedDefaults()
    {
        var options = Resolve([]);

        Assert.Equal(1000, options.MaxBatchSize);
        Assert.Equal(1_000_000m, options.MaxAmount);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxFutureSkew);
        Assert.Equal(4 * 1024 * 1024, options.MaxRequestBodyBytes);
    }

    [Fact]
    public void Bind_ConfiguredValues_AreUsed()
    {
        var options = Resolve(new()
        {
            ["Ingestion:MaxBatchSize"] = "250",
            ["Ingestion:MaxAmount"] = "2500.50",
            ["Ingestion:MaxFutureSkew"] = "00:00:30",
        });

        Assert.Equal((250, 2500.50m, TimeSpan.FromSeconds(30)), (options.MaxBatchSize, options.MaxAmount, options.MaxFutureSkew));
    }

    [Theory]
    [InlineData("Ingestion:MaxBatchSize", "0")]
    [InlineData("Ingestion:MaxAmount", "0")]
    [InlineData("Ingestion:MaxFutureSkew", "-00:01:00")]
    [InlineData("Ingestion:MaxRequestBodyBytes", "10")]
    public void Bind_OutOfRangeValue_FailsNamingTheOption(string key, string value)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [key] = value }));

        Assert.Contains(key.Split(':')[1], ex.Message);
    }
}
