using CreditRisk.Core.Messaging;

namespace CreditRisk.Core.Persistence;

/// <summary>Customer messages received by webhook (see <see cref="InboundMessage"/>).</summary>
public interface IInboundMessageRepository
{
    /// <summary>Stores the message; false, storing nothing, when one with the same id exists (webhook redelivery).</summary>
    Task<bool> TryAddAsync(InboundMessage message, CancellationToken ct = default);

    Task<InboundMessage?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>A customer's messages, newest (by <see cref="InboundMessage.ReceivedAt"/>) first.</summary>
    Task<IReadOnlyList<InboundMessage>> ListForCustomerAsync(string customerId, int take, CancellationToken ct = default);
}
