using CreditRisk.Core.Customers;

namespace CreditRisk.Core.Ingestion;

/// <summary>The customer record's checks (see <see cref="IngestionValidator"/>).</summary>
public sealed partial class IngestionValidator
{
    /// <summary>Validates a customer. <paramref name="now"/> defaults to the clock; pass one value for a whole batch.</summary>
    public ValidatedItem<Customer> Validate(CustomerInput input, int index, DateTimeOffset? now = null)
    {
        var at = WireFormat.ToStoredPrecision(now ?? time.GetUtcNow());
        var errors = new ErrorList(index);

        CheckId(errors, "customerId", input.CustomerId);
        var name = input.FullName?.Trim();
        if (WireFormat.IsEmpty(name))
        {
            errors.Add("fullName", "is required");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add("fullName", $"must be at most {MaxNameLength} characters");
        }
        else if (TextHygiene.FirstRefused(name) is { } refused)
        {
            errors.Add("fullName", TextHygiene.Message(refused));
        }

        if (WireFormat.IsEmpty(input.Phone))
        {
            errors.Add("phone", "is required");
        }
        else if (!PhonePattern().IsMatch(input.Phone))
        {
            errors.Add("phone", "must be an E.164 number: '+' then 8 to 15 digits, the first not 0 (e.g. +919812345678)");
        }

        CheckAccountAmount(errors, "creditLimit", input.CreditLimit, required: true);
        CheckPastDate(errors, "openedOn", input.OpenedOn, at, required: true);
        var timeZone = WireFormat.IsEmpty(input.TimeZone) ? null : input.TimeZone.Trim();
        if (timeZone is not null && !CustomerTimeZone.IsIanaId(timeZone))
        {
            errors.Add("timeZone", "must be an IANA time zone id such as Asia/Kolkata or Europe/London");
        }

        if (errors.Count > 0)
        {
            return errors.Result<Customer>();
        }

        var optIn = input.WhatsappOptIn ?? false;
        return errors.Result(new Customer
        {
            Id = input.CustomerId!,
            FullName = name!,
            Phone = input.Phone!,
            CreditLimit = input.CreditLimit!.Value,
            OpenedOn = input.OpenedOn!.Value,
            WhatsAppOptIn = optIn,
            WhatsAppOptInAt = optIn ? at : null,
            TimeZone = timeZone,
            CreatedAt = at,
            UpdatedAt = at,
        });
    }
}
