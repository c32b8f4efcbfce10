using CreditRisk.Core.Alerts;

namespace CreditRisk.Tests.Alerts;

public sealed class AlertStatusTransitionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly Alert Sent = new()
    {
        Id = "al-1",
        CustomerId = "c1",
        Reason = "r",
        TemplateName = "high_risk_alert",
        TriggeredBy = "pipeline",
        Status = AlertStatus.Sent,
        Attempts = 1,
        ProviderMessageId = "wamid.1",
        SentAt = T0,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    [Fact]
    public void Apply_InOrder_MovesSentToDeliveredToRead()
    {
        var delivered = AlertStatusTransitions.Apply(Sent, AlertStatus.Delivered, T0.AddSeconds(5), "wamid.1", null, T0.AddSeconds(6))!;
        var read = AlertStatusTransitions.Apply(delivered, AlertStatus.Read, T0.AddMinutes(3), "wamid.1", null, T0.AddMinutes(3))!;

        Assert.Equal((AlertStatus.Delivered, T0.AddSeconds(5)), (delivered.Status, delivered.DeliveredAt));
        Assert.Equal((AlertStatus.Read, T0.AddSeconds(5), T0.AddMinutes(3)), (read.Status, read.DeliveredAt, read.ReadAt));
    }

    [Fact]
    public void Apply_ReadBeforeDelivered_StaysReadAndTakesTheRealDeliveryTime()
    {
        var read = AlertStatusTransitions.Apply(Sent, AlertStatus.Read, T0.AddMinutes(3), "wamid.1", null, T0.AddMinutes(3))!;
        var lateDelivered = AlertStatusTransitions.Apply(read, AlertStatus.Delivered, T0.AddSeconds(5), "wamid.1", null, T0.AddMinutes(4))!;
        var lateSent = AlertStatusTransitions.Apply(lateDelivered, AlertStatus.Sent, T0.AddSeconds(1), "wamid.1", null, T0.AddMinutes(5));

        Assert.Equal((AlertStatus.Read, T0.AddMinutes(3)), (read.Status, read.DeliveredAt));
        Assert.Equal((AlertStatus.Read, T0.AddSeconds(5), T0.AddMinutes(3)), (lateDelivered.Status, lateDelivered.DeliveredAt, lateDelivered.ReadAt));
        Assert.Null(lateSent);
    }

    [Fact]
    public void Apply_SameStatusAgain_ChangesNothing()
    {
        var delivered = AlertStatusTransitions.Apply(Sent, AlertStatus.Delivered, T0.AddSeconds(5), "wamid.1", null, T0)!;

        Assert.Null(AlertStatusTransitions.Apply(delivered, AlertStatus.Delivered, T0.AddSeconds(5), "wamid.1", null, T0.AddHours(1)));
    }

    [Fact]
    public void Apply_FailedAfterSent_FailsWithTheReason()
    {
        var failed = AlertStatusTransitions.Apply(Sent, AlertStatus.Failed, T0.AddSeconds(5), "wamid.1", "131047: window closed", T0.AddSeconds(6))!;

        Assert.Equal((AlertStatus.Failed, T0.AddSeconds(5), "131047: window closed"), (failed.Status, failed.FailedAt, failed.FailureReason));
    }

    [Theory]
    [InlineData(AlertStatus.Delivered)]
    [InlineData(AlertStatus.Read)]
    public void Apply_FailedAfterDeliveredOrRead_IsIgnored(AlertStatus reached)
    {
        var alert = Sent with { Status = reached, DeliveredAt = T0, ReadAt = reached == AlertStatus.Read ? T0 : null };

        Assert.Null(AlertStatusTransitions.Apply(alert, AlertStatus.Failed, T0.AddSeconds(5), "wamid.1", "late", T0.AddSeconds(6)));
    }

    [Fact]
    public void Apply_ClaimedPendingAlert_TakesTheMessageIdAndEndsTheClaim()
    {
        var claimed = Sent with { Status = AlertStatus.Pending, ProviderMessageId = null, SentAt = null, SendingAt = T0 };

        var sent = AlertStatusTransitions.Apply(claimed, AlertStatus.Sent, T0.AddSeconds(1), "wamid.9", null, T0.AddSeconds(2))!;

        Assert.Equal((AlertStatus.Sent, "wamid.9", T0.AddSeconds(1), (DateTimeOffset?)null), (sent.Status, sent.ProviderMessageId, sent.SentAt, sent.SendingAt));
    }

    [Fact]
    public void Apply_SuppressedAlert_NeverChanges()
    {
        Assert.Null(AlertStatusTransitions.Apply(Sent with { Status = AlertStatus.Suppressed }, AlertStatus.Read, T0, "wamid.1", null, T0));
    }
}
