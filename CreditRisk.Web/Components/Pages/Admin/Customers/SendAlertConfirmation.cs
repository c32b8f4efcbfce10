using System.Globalization;
using System.Text.Encodings.Web;
using CreditRisk.Core.Alerts;
using Microsoft.AspNetCore.Components;

namespace CreditRisk.Web.Components.Pages.Admin.Customers;

/// <summary>
/// The wording of the "Send WhatsApp Alert" confirmation: whom and why, when the message will go and why then (quiet
/// hours in the customer's time zone), and — within the repeat period — the last message sent and its status.
/// </summary>
public sealed record SendAlertConfirmation(string Title, MarkupString Message, string YesText)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static SendAlertConfirmation For(string customerName, string reason, ManualSendPreview preview, DateTimeOffset now)
    {
        var paragraphs = new List<string>
        {
            $"Send a WhatsApp alert to {customerName}? Reason: {reason}",
            When(preview),
        };
        if (preview.RecentMessage is { } recent)
        {
            paragraphs.Add(Recent(recent, preview.RecentMessageAt!.Value, now));
        }

        var html = string.Concat(paragraphs.Select(p => $"<p class=\"mb-2\">{HtmlEncoder.Default.Encode(p)}</p>"));
        return preview.RecentMessage is null
            ? new SendAlertConfirmation("Send WhatsApp alert?", new MarkupString(html), "Send")
            : new SendAlertConfirmation("Send another WhatsApp alert?", new MarkupString(html), "Send again");
    }

    private static string When(ManualSendPreview preview)
    {
        if (preview.SendsNow)
        {
            return "It goes out now.";
        }

        var zone = preview.CustomerZone ? "the customer's time zone" : "the default time zone; the customer record has none";
        var local = preview.LocalSendsAt.ToString("d MMM HH:mm", Invariant);
        var utc = preview.SendsAt.UtcDateTime.ToString("d MMM HH:mm", Invariant);
        return $"It goes out at {local} {preview.TimeZoneId} ({utc} UTC), not now: {preview.WaitReason} Quiet hours follow {zone}.";
    }

    private static string Recent(Alert recent, DateTimeOffset at, DateTimeOffset now)
    {
        var when = at.UtcDateTime.ToString("d MMM HH:mm", Invariant);
        var verb = recent.SentAt is null ? "was queued" : "was sent";
        return $"A message {verb} to this customer {Ago(now - at)} ({when} UTC, by {recent.TriggeredBy}): \"{recent.Reason}\". "
            + $"Its status is {recent.Status}. Send another one anyway?";
    }

    private static string Ago(TimeSpan elapsed) =>
        elapsed < TimeSpan.FromMinutes(1) ? "just now"
        : elapsed < TimeSpan.FromHours(1) ? $"{(int)elapsed.TotalMinutes} min ago"
        : $"{(int)elapsed.TotalHours} h ago";
}
