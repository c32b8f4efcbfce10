namespace CreditRisk.Core.Customers;

/// <summary>The time zone of a customer record: checked on the way in, resolved with a fallback on the way out.</summary>
public static class CustomerTimeZone
{
    /// <summary>
    /// True for a time zone id this machine knows under its IANA name (<c>Asia/Kolkata</c>, <c>Europe/London</c>,
    /// <c>UTC</c>). Windows names (<c>India Standard Time</c>) are refused: the bank's systems and MongoDB exports speak
    /// IANA, and one spelling per zone keeps the records comparable.
    /// </summary>
    public static bool IsIanaId(string? id) =>
        !string.IsNullOrWhiteSpace(id)
        && id.Trim() == id
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
        && zone.HasIanaId;

    /// <summary>The customer's zone, or <paramref name="fallback"/> when the record has none (or one this machine lacks).</summary>
    public static TimeZoneInfo Resolve(Customer? customer, TimeZoneInfo fallback) =>
        customer?.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : fallback;
}
