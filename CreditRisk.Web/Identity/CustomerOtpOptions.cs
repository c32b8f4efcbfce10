using System.ComponentModel.DataAnnotations;

namespace CreditRisk.Web.Identity;

/// <summary>Customer phone sign-in: one-time code lifetime and send limits (<c>Identity:Otp</c>).</summary>
public sealed class CustomerOtpOptions
{
    public const string SectionName = "Identity:Otp";

    /// <summary>How long a code stays valid, in minutes. Default 5.</summary>
    [Range(1, 60)]
    public int CodeLifetimeMinutes { get; set; } = 5;

    /// <summary>Codes sent to one phone number per <see cref="SendWindowMinutes"/>. Default 3.</summary>
    [Range(1, 100)]
    public int SendsPerPhone { get; set; } = 3;

    /// <summary>Codes requested from one client IP address per <see cref="SendWindowMinutes"/>. Default 10.</summary>
    [Range(1, 10_000)]
    public int SendsPerClientIp { get; set; } = 10;

    /// <summary>Length of the send-limit window, in minutes. Default 15.</summary>
    [Range(1, 1440)]
    public int SendWindowMinutes { get; set; } = 15;
}
