using System.Text;
using CreditRisk.Core.Messaging.Webhooks;

namespace CreditRisk.Tests.Messaging;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"object\":\"whatsapp_business_account\"}");

    [Fact]
    public void IsValid_HmacOfTheRawBody_ReturnsTrue()
    {
        // HMAC-SHA256("{\"object\":\"whatsapp_business_account\"}", "secret"), computed independently.
        var header = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("secret"), Body));

        Assert.True(WebhookSignature.IsValid(Body, header, "secret"));
        Assert.True(WebhookSignature.IsValid(Body, header.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), "secret"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0123")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=00000000000000000000000000000000000000000000000000000000000000")]
    public void IsValid_MissingOrMalformedHeader_ReturnsFalse(string? header)
    {
        Assert.False(WebhookSignature.IsValid(Body, header, "secret"));
    }

    [Fact]
    public void IsValid_OtherSecretOrChangedBody_ReturnsFalse()
    {
        var header = WebhookSignature.Compute(Body, "secret");

        Assert.False(WebhookSignature.IsValid(Body, header, "other"));
        Assert.False(WebhookSignature.IsValid([.. Body, (byte)' '], header, "secret"));
        Assert.False(WebhookSignature.IsValid(Body, header, null));
    }
}
