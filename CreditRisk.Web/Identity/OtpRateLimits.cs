using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CreditRisk.Web.Identity;

/// <summary>
/// Send limits for sign-in codes, from the ASP.NET Core rate limiting library: one fixed window per phone number (taken
/// by the code service, which knows the number only after reading the form) and one per client IP (taken by the
/// rate-limiting middleware on <see cref="SendPath"/>).
/// </summary>
public sealed class OtpRateLimits : IDisposable
{
    /// <summary>The form post that sends a code.</summary>
    public const string SendPath = "/account/phone";

    private readonly PartitionedRateLimiter<string> _perPhone;

    public OtpRateLimits(IOptions<CustomerOtpOptions> options)
    {
        var o = options.Value;
        _perPhone = PartitionedRateLimiter.Create<string, string>(phone => RateLimitPartition.GetFixedWindowLimiter(phone, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = o.SendsPerPhone,
            Window = TimeSpan.FromMinutes(o.SendWindowMinutes),
            QueueLimit = 0,
        }));
        PerClientIp = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            HttpMethods.IsPost(context.Request.Method) && IsSendPage(context)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = o.SendsPerClientIp,
                    Window = TimeSpan.FromMinutes(o.SendWindowMinutes),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("other"));
    }

    /// <summary>
    /// Whether the request is for the page that sends codes, by the route it was matched to: "/account/phone/" (and any
    /// other spelling routing takes to that page) reaches the same page, so matching the path's text let it past the limit.
    /// </summary>
    private static bool IsSendPage(HttpContext context) =>
        (context.GetEndpoint() is RouteEndpoint endpoint ? endpoint.RoutePattern.RawText : context.Request.Path.Value)
            ?.TrimEnd('/').Equals(SendPath, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The middleware's global limiter: counts only code sends, by client IP.</summary>
    public PartitionedRateLimiter<HttpContext> PerClientIp { get; }

    /// <summary>True, using a permit, while <paramref name="phone"/> is under its send limit.</summary>
    public bool TryAcquireForPhone(string phone)
    {
        using var lease = _perPhone.AttemptAcquire(phone);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _perPhone.Dispose();
        PerClientIp.Dispose();
    }
}
