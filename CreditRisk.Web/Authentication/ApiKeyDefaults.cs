namespace CreditRisk.Web.Authentication;

/// <summary>Names shared by the API-key scheme, its policy and the endpoints that require it.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    public const string Policy = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    /// <summary>Claim carrying the key's display prefix, for logs.</summary>
    public const string PrefixClaim = "creditrisk:apikey-prefix";
}
