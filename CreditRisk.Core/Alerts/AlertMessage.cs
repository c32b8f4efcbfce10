using CreditRisk.Core.Customers;
using CreditRisk.Core.Messaging;

namespace CreditRisk.Core.Alerts;

/// <summary>The WhatsApp template message of an alert: its template, the customer's number and the values the templates use.</summary>
internal static class AlertMessage
{
    /// <summary>The message for <paramref name="alert"/>, carrying its id back in the status webhooks' callback data.</summary>
    public static TemplateMessage For(Alert alert, Customer customer, string helpline)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = customer.FullName,
            ["first_name"] = customer.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? customer.FullName,
            ["reason"] = alert.Reason,
            ["helpline"] = helpline,
            ["customer_id"] = customer.Id,
        };
        return new TemplateMessage(customer.Phone, alert.TemplateName, values, alert.Id);
    }
}
