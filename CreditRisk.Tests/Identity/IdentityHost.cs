using CreditRisk.Core.Customers;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Builders;

namespace CreditRisk.Tests.Identity;

/// <summary>The web app with two card customers, A and B, whose phones can register.</summary>
internal static class IdentityHost
{
    public const string PhoneA = "+15550000001";
    public const string PhoneB = "+15550000002";

    public static Customer CustomerA { get; } = A.Customer("cust-a", PhoneA) with { FullName = "Asha Verma" };

    public static Customer CustomerB { get; } = A.Customer("cust-b", PhoneB) with { FullName = "Bilal Khan" };

    public static async Task<CreditRiskWebFactory> StartAsync(Action<CreditRiskWebFactory>? configure = null)
    {
        var app = new CreditRiskWebFactory();
        configure?.Invoke(app);
        await app.Store.Customers.UpsertManyAsync([CustomerA, CustomerB]);
        return app;
    }
}
