namespace CreditRisk.Web.Authorization;

/// <summary>Claims our sign-in adds beyond Identity's own.</summary>
public static class CreditRiskClaimTypes
{
    /// <summary>
    /// The <see cref="Core.Customers.Customer"/> id a customer account is linked to. Customer pages read the id from
    /// here, never from the URL, so one customer cannot ask for another's data.
    /// </summary>
    public const string CustomerId = "creditrisk:customer_id";
}
