using CreditRisk.Core.Messaging;

namespace CreditRisk.Core.Persistence;

/// <summary>Messages "sent" while no WhatsApp access token is configured (see <see cref="DevelopmentMessage"/>).</summary>
public interface IDevelopmentOutbox
{
    Task AddAsync(DevelopmentMessage message, CancellationToken ct = default);

    Task<DevelopmentMessage?> GetAsync(string id, CancellationToken ct = default);

    /// <summary>Messages newest first.</summary>
    Task<IReadOnlyList<DevelopmentMessage>> ListAsync(int skip, int take, CancellationToken ct = default);

    /// <summary>Messages to one E.164 number, newest first (e.g. the latest OTP for a phone).</summary>
    Task<IReadOnlyList<DevelopmentMessage>> ListForRecipientAsync(string to, int take, CancellationToken ct = default);

    Task<long> CountAsync(CancellationToken ct = default);
}
