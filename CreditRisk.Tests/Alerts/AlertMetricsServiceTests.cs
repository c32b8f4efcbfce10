using CreditRisk.Core.Alerts;

namespace CreditRisk.Tests.Alerts;

public sealed class AlertMetricsServiceTests
{
    [Fact]
    public async Task GetAsync_MixedAlerts_FunnelReadRateAndMedianTimeToFirstContact()
    {
        await using var h = await AlertHarness.CreateAsync();
        var t = AlertHarness.Noon.AddDays(-1);
        async Task Add(string id, AlertStatus status, TimeSpan? toContact, bool automatic = true)
        {
            var alert = await h.AddAlertAsync(id, automatic: automatic, createdAt: t);
            await h.Store.Alerts.TryUpdateAsync(alert with { Status = status, SentAt = toContact is { } d ? t + d : null }, alert);
        }

        await Add("p", AlertStatus.Pending, null);
        await Add("s", AlertStatus.Sent, TimeSpan.FromMinutes(1));
        await Add("d", AlertStatus.Delivered, TimeSpan.FromMinutes(3));
        await Add("r1", AlertStatus.Read, TimeSpan.FromMinutes(10));
        await Add("r2", AlertStatus.Read, TimeSpan.FromHours(9));
        await Add("manual", AlertStatus.Read, TimeSpan.FromDays(0.5), automatic: false);
        await Add("f", AlertStatus.Failed, null);
        await Add("x", AlertStatus.Suppressed, null);

        var metrics = await new AlertMetricsService(h.Store, h.Time).GetAsync();

        Assert.Equal((1L, 1L, 1L, 3L, 1L, 1L), (metrics.ByStatus[AlertStatus.Pending], metrics.ByStatus[AlertStatus.Sent], metrics.ByStatus[AlertStatus.Delivered],
            metrics.ByStatus[AlertStatus.Read], metrics.ByStatus[AlertStatus.Failed], metrics.ByStatus[AlertStatus.Suppressed]));
        Assert.Equal((5L, 4L, 3L), (metrics.ReachedSent, metrics.ReachedDelivered, metrics.ReachedRead));
        Assert.Equal(0.6, metrics.ReadRate!.Value, 6);
        Assert.Equal(0.8, metrics.DeliveryRate!.Value, 6);

        // Automatic alerts only: 1, 3, 10 minutes and 9 hours → median between 3 and 10 minutes.
        Assert.Equal(4, metrics.TimeToContactSample);
        Assert.Equal(TimeSpan.FromMinutes(6.5), metrics.MedianTimeToFirstContact);
    }

    [Fact]
    public async Task GetAsync_NothingSent_RatesAndMedianAreNull()
    {
        await using var h = await AlertHarness.CreateAsync();
        await h.AddAlertAsync();

        var metrics = await new AlertMetricsService(h.Store, h.Time).GetAsync();

        Assert.Null(metrics.ReadRate);
        Assert.Null(metrics.MedianTimeToFirstContact);
        Assert.Equal(1, metrics.ByStatus[AlertStatus.Pending]);
    }
}
