using System.Reflection;

namespace CreditRisk.Tests.Architecture;

public sealed class LayeringTests
{
    private static readonly Assembly CoreAssembly = typeof(CreditRisk.Core.DependencyInjection).Assembly;

    [Theory]
    [InlineData("CreditRisk.Web")]
    [InlineData("CreditRisk.Cli")]
    [InlineData("MudBlazor")]
    [InlineData("Hangfire.Core")]
    [InlineData("Microsoft.AspNetCore.Components")]
    public void CoreAssembly_References_NeverTheUiOrJobLayers(string forbidden)
    {
        var references = CoreAssembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain(forbidden, references);
    }
}
