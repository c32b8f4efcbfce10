using System.Net;
using System.Net.Sockets;
using CreditRisk.Core.Persistence.Mongo;

namespace CreditRisk.Tests.Persistence.Mongo;

/// <summary>An unreachable MongoDB must stop start-up with a clear message, not hang. Needs no server.</summary>
public sealed class MongoStartupTests
{
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task InitializeAsync_NothingListening_FailsNamingTheServerAndTheSetting()
    {
        var port = ClosedLoopbackPort();
        await using var store = new MongoCreditRiskStore($"mongodb://127.0.0.1:{port}", "creditrisk", TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync());

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("not reachable", error.Message);
        Assert.Contains("ConnectionStrings:Mongo", error.Message);
    }

    [Fact]
    public async Task PingAsync_NothingListening_Fails()
    {
        var port = ClosedLoopbackPort();
        await using var store = new MongoCreditRiskStore($"mongodb://127.0.0.1:{port}", "creditrisk", TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.PingAsync());
    }

    // The timeout only keeps a regression from hanging the run; the assertion is that it fails, not how fast.
    [Fact(Timeout = 120_000)]
    public async Task PingAsync_ServerAcceptsButNeverAnswers_FailsInsteadOfHanging()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<Socket>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    accepted.Add(await listener.AcceptSocketAsync(stop.Token));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        await using var store = new MongoCreditRiskStore($"mongodb://127.0.0.1:{port}", "creditrisk", TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.PingAsync());

        await stop.CancelAsync();
        await accepting;
        accepted.ForEach(s => s.Dispose());
        Assert.Contains("not reachable", error.Message);
    }

    [Fact]
    public async Task Description_ConnectionStringWithPassword_DoesNotRevealIt()
    {
        await using var store = new MongoCreditRiskStore("mongodb://app:s3cret@db1:27017,db2:27018/?replicaSet=rs0", "creditrisk", TimeSpan.FromSeconds(2));

        Assert.DoesNotContain("s3cret", store.Description);
        Assert.Contains("db1:27017,db2:27018", store.Description);
    }
}
