using CreditRisk.Core.Alerts;
using CreditRisk.Core.Persistence;
using CreditRisk.Core.Portfolio;
using CreditRisk.Core.Risk;
using CreditRisk.Tests.Builders;
using CreditRisk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Portfolio;

/// <summary>The grid's Last alert time is when the alert reached the status beside it, not the record's last write.</summary>
public sealed class RiskGridAlertTimeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Sent = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private TemporaryStore _temp = null!;

    public async Task InitializeAsync() => _temp = await TemporaryStore.CreateAsync();

    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Theory]
    [InlineData(AlertStatus.Sent, 0)]
    [InlineData(AlertStatus.Delivered, 2)]
    [InlineData(AlertStatus.Read, 47)]
    [InlineData(AlertStatus.Failed, 5)]
    [InlineData(AlertStatus.Pending, 24 * 60)] // no status time of its own: the record's
    public async Task GetPageAsync_LatestAlert_TimedAtItsStatusNotItsLastWrite(AlertStatus status, int minutesAfterSending)
    {
        await _temp.Store.Customers.UpsertManyAsync([A.Customer("c-1")]);
        await _temp.Store.Assessments.AddManyAsync([A.Assessment("ra-1", "c-1", band: RiskBand.High)]);
        await _temp.Store.Alerts.TryAddAsync(A.Alert("al-1", "c-1", status: status) with
        {
            SentAt = Sent,
            DeliveredAt = Sent.AddMinutes(2),
            ReadAt = Sent.AddMinutes(47),
            FailedAt = status == AlertStatus.Failed ? Sent.AddMinutes(5) : null,
            UpdatedAt = Sent.AddDays(1), // written again a day later (a late receipt, a replay)
        });

        var page = await _temp.Services.GetRequiredService<RiskGridService>().GetPageAsync(new CurrentRiskQuery { Take = 10 });

        Assert.Equal(Sent.AddMinutes(minutesAfterSending), Assert.Single(page.Rows).LastAlertAt);
    }
}
