using System.Net;
using System.Net.Http.Json;
using CreditRisk.Cli.Commands;
using CreditRisk.Tests.Api;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Cli;

public sealed class ApiKeyCommandTests : IDisposable
{
    private readonly string _directory = TestDirectories.New();

    private string DatabasePath => Path.Combine(_directory, "creditrisk.db");

    public void Dispose()
    {
        TestDirectories.Delete(_directory);
    }

    /// <summary>Runs <c>creditrisk</c> in-process with the CLI's real host, pointed at this test's database.</summary>
    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => InProcessCli.RunAsync(
        ApiKeyCommand.Create,
        new Dictionary<string, string?> { ["Storage:SqlitePath"] = DatabasePath, ["ConnectionStrings:Mongo"] = "" },
        args);

    private static string LastLine(string text) => text.TrimEnd('\r', '\n').Split('\n')[^1].TrimEnd('\r');

    [Fact]
    public async Task Create_PrintsKeyAloneOnLastLine_AndTheKeyAuthenticatesAgainstTheApi()
    {
        var (exitCode, output, _) = await RunAsync("apikey", "create", "--name", "core-banking");

        Assert.Equal(0, exitCode);
        var key = LastLine(output);
        Assert.Matches("^crk_[A-Za-z0-9_-]{43}$", key);
        Assert.True(output.Split('\n').Length > 2, "explanation lines come before the key");

        await using var factory = new CreditRiskWebFactory(DatabasePath);
        using var client = factory.CreateApiClient(key);
        var response = await client.PostAsJsonAsync("/api/v1/customers", ApiBodies.Customer("cli-made"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var wrong = factory.CreateApiClient(key[..^1] + (key[^1] == 'A' ? 'B' : 'A'));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync("/api/v1/customers", ApiBodies.Customer("x"))).StatusCode);
    }

    [Fact]
    public async Task Create_WithoutName_FailsOnStderrAndPrintsNoKey()
    {
        var (exitCode, output, error) = await RunAsync("apikey", "create");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--name", error);
        Assert.DoesNotContain("crk_", output);
    }

    [Fact]
    public async Task Create_BlankName_FailsOnStderr()
    {
        var (exitCode, output, error) = await RunAsync("apikey", "create", "--name", "  ");

        Assert.Equal(1, exitCode);
        Assert.Contains("--name", error);
        Assert.DoesNotContain("crk_", output);
    }

    [Fact]
    public async Task Create_NameOfAKeyStillInUse_FailsOnStderrAndPrintsNoKey()
    {
        Assert.Equal(0, (await RunAsync("apikey", "create", "--name", "core-banking")).ExitCode);

        var (exitCode, output, error) = await RunAsync("apikey", "create", "--name", "Core-Banking");

        Assert.Equal(1, exitCode);
        Assert.Contains("--name: A key named 'Core-Banking' is still in use: revoke it first, or choose another name.", error);
        Assert.DoesNotContain("crk_", output);
    }

    [Fact]
    public async Task ListAndRevoke_CreatedKey_ShowsItThenMarksItRevoked()
    {
        var created = await RunAsync("apikey", "create", "--name", "to-revoke");
        var key = LastLine(created.Output);
        var id = created.Output.Split("(id ")[1].Split(',')[0];

        var listed = await RunAsync("apikey", "list");
        Assert.Contains(id, listed.Output);
        Assert.Contains("active", listed.Output);
        Assert.DoesNotContain(key, listed.Output);

        var revoked = await RunAsync("apikey", "revoke", "--id", id);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("revoked", (await RunAsync("apikey", "list")).Output);

        var again = await RunAsync("apikey", "revoke", "--id", id);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains(id, again.Error);
    }

    [Fact]
    public async Task Revoke_UnknownId_FailsOnStderr()
    {
        var (exitCode, _, error) = await RunAsync("apikey", "revoke", "--id", "nope");

        Assert.Equal(1, exitCode);
        Assert.Contains("nope", error);
    }
}
