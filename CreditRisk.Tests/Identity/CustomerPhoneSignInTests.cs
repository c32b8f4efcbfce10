using System.Net;
using CreditRisk.Core.Messaging;
using CreditRisk.Tests.Api;
using static CreditRisk.Tests.Identity.IdentityHost;

namespace CreditRisk.Tests.Identity;

public sealed class CustomerPhoneSignInTests : IAsyncLifetime
{
    private static readonly string WelcomeTemplate = new WhatsAppTemplates().Welcome.Name;
    private static readonly string OtpTemplate = new WhatsAppTemplates().Otp.Name;

    private CreditRiskWebFactory _app = null!;

    public async Task InitializeAsync() => _app = await StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> MessagesAsync(string phone, string template) =>
        (await _app.Store.DevelopmentOutbox.ListForRecipientAsync(phone, 100)).Count(m => m.TemplateName == template);

    [Fact]
    public async Task SignIn_NewCustomerWithCodeFromOutbox_LandsOnOwnDashboardWithOneWelcome()
    {
        using var client = await _app.SignInCustomerAsync(PhoneA);

        var me = await client.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains(CustomerA.FullName, await me.Content.ReadAsStringAsync());
        Assert.Equal(1, await MessagesAsync(PhoneA, WelcomeTemplate));
        var user = await _app.Store.Users.FindByNormalizedUserNameAsync(PhoneA);
        Assert.Equal("cust-a", user!.CustomerId);
        Assert.True(user.PhoneNumberConfirmed);
        Assert.NotNull(user.WelcomeSentAt);
    }

    [Fact]
    public async Task SignIn_CustomerWithoutOptIn_NoWelcomeUntilTheyOptIn()
    {
        await _app.Store.Customers.UpsertManyAsync([CustomerA with { WhatsAppOptIn = false, WhatsAppOptInAt = null }]);

        using (await _app.SignInCustomerAsync(PhoneA))
        {
            Assert.Equal(0, await MessagesAsync(PhoneA, WelcomeTemplate));
            Assert.Null((await _app.Store.Users.FindByNormalizedUserNameAsync(PhoneA))!.WelcomeSentAt);
        }

        await _app.Store.Customers.UpsertManyAsync([CustomerA]);
        using (await _app.SignInCustomerAsync(PhoneA))
        {
            Assert.Equal(1, await MessagesAsync(PhoneA, WelcomeTemplate));
        }
    }

    [Fact]
    public async Task SignIn_NumberMovedToAnotherCustomer_NewOwnerSignsInToTheirOwnDashboardWithTheirOwnWelcome()
    {
        (await _app.SignInCustomerAsync(PhoneA)).Dispose(); // A's account, named by the number

        // The bank gives A a new number and A's old one to a new customer C.
        await _app.Store.Customers.UpsertManyAsync([CustomerA with { Phone = "+15550000009" }, CustomerA with { Id = "cust-c", FullName = "Chen Li" }]);

        using var client = await _app.SignInCustomerAsync(PhoneA);

        var me = await (await client.GetAsync("/me")).Content.ReadAsStringAsync();
        Assert.Contains("Chen Li", me, StringComparison.Ordinal);
        Assert.DoesNotContain("Asha Verma", me, StringComparison.Ordinal);
        Assert.Equal("cust-c", (await _app.Store.Users.FindByNormalizedUserNameAsync(PhoneA))!.CustomerId);
        Assert.Equal(2, await MessagesAsync(PhoneA, WelcomeTemplate)); // the old owner's, then the new owner's own
    }

    [Theory]
    [InlineData("/account/phone/verify")]
    [InlineData("/account/phone/verify?phone=abc")]
    public async Task VerifyPage_WithoutAPhoneNumber_SendsBackToAskForIt(string path)
    {
        // It read "If  belongs to a card customer, a code is on its way" and failed every code.
        using var client = _app.CreateBrowserClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/phone", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_SecondTime_SendsNoSecondWelcome()
    {
        using var first = await _app.SignInCustomerAsync(PhoneA);
        using var second = await _app.SignInCustomerAsync(PhoneA);

        Assert.Equal(1, await MessagesAsync(PhoneA, WelcomeTemplate));
        Assert.Equal(2, await MessagesAsync(PhoneA, OtpTemplate));
    }

    [Fact]
    public async Task Verify_SameCodeTwiceAtOnce_OneSignInAndOneWelcome()
    {
        using var client1 = _app.CreateBrowserClient();
        using var client2 = _app.CreateBrowserClient();
        await client1.RequestCodeAsync(PhoneA);
        var code = await _app.LatestCodeAsync(PhoneA);

        var results = await Task.WhenAll(client1.VerifyCodeAsync(PhoneA, code), client2.VerifyCodeAsync(PhoneA, code));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect && SignedInClients.PathOf(r) == "/me");
        Assert.Equal(1, await MessagesAsync(PhoneA, WelcomeTemplate));
    }

    [Fact]
    public async Task Verify_CodeUsedAlready_Refused()
    {
        using var client = await _app.SignInCustomerAsync(PhoneA);
        var code = await _app.LatestCodeAsync(PhoneA);
        using var other = _app.CreateBrowserClient();

        var again = await other.VerifyCodeAsync(PhoneA, code);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("not valid or has expired", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Verify_AfterFiveMinutes_CodeExpired()
    {
        using var client = _app.CreateBrowserClient();
        await client.RequestCodeAsync(PhoneA);
        var code = await _app.LatestCodeAsync(PhoneA);
        _app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var response = await client.VerifyCodeAsync(PhoneA, code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not valid or has expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Verify_NotSixDigits_SaysWhatACodeLooksLikeAndCostsNoTry()
    {
        using var client = _app.CreateBrowserClient();
        await client.RequestCodeAsync(PhoneA);
        var code = await _app.LatestCodeAsync(PhoneA);

        // Five slips would lock the number if they counted as wrong codes.
        foreach (var slip in new[] { "", "12ab", "12345", "1234567", "１２３４５６" })
        {
            var answer = await (await client.VerifyCodeAsync(PhoneA, slip)).Content.ReadAsStringAsync();
            Assert.Contains("Enter the 6-digit code from our WhatsApp message, numbers only.", answer);
        }

        var right = await client.VerifyCodeAsync(PhoneA, code[..3] + " " + code[3..]);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode); // signed in with the code written as WhatsApp shows it
        Assert.Equal("/me", SignedInClients.PathOf(right));
        Assert.DoesNotContain(await _app.Store.Audit.ListAsync("auth.", 0, 100), e => e.Action == "auth.otp.failed");
    }

    [Fact]
    public async Task Verify_FiveWrongCodes_LocksOutSoTheRightCodeFailsToo()
    {
        using var client = _app.CreateBrowserClient();
        await client.RequestCodeAsync(PhoneA);
        var code = await _app.LatestCodeAsync(PhoneA);
        var wrong = code == "000000" ? "111111" : "000000";

        string last = "";
        for (var i = 0; i < 5; i++)
        {
            last = await (await client.VerifyCodeAsync(PhoneA, wrong)).Content.ReadAsStringAsync();
        }

        var right = await client.VerifyCodeAsync(PhoneA, code);

        Assert.Contains("Too many wrong codes", last);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Too many wrong codes", await right.Content.ReadAsStringAsync());
        Assert.NotNull((await _app.Store.Users.FindByNormalizedUserNameAsync(PhoneA))!.LockoutEnd);
        var audit = await _app.Store.Audit.ListAsync("auth.", 0, 100);
        Assert.Equal(5, audit.Count(e => e.Action == "auth.otp.failed"));
        Assert.Contains(audit, e => e.Action == "auth.lockout");
    }

    [Fact]
    public async Task RequestCode_UnknownNumber_SameAnswerButNoAccountAndNoMessage()
    {
        using var client = _app.CreateBrowserClient();
        const string unknown = "+15550000999";

        var known = await client.RequestCodeAsync(PhoneA);
        var response = await client.RequestCodeAsync(unknown);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(SignedInClients.PathOf(known), SignedInClients.PathOf(response));
        Assert.Null(await _app.Store.Users.FindByNormalizedUserNameAsync(unknown));
        Assert.Empty(await _app.Store.DevelopmentOutbox.ListForRecipientAsync(unknown, 10));
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("If +15550000999 belongs to a card customer", System.Net.WebUtility.HtmlDecode(page));
    }

    [Fact]
    public async Task Verify_UnknownNumberFiveTimes_AnswersLikeAKnownNumber()
    {
        using var client = _app.CreateBrowserClient();
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await (await client.VerifyCodeAsync("+15550000999", "123456")).Content.ReadAsStringAsync());
        }

        Assert.All(answers[..4], a => Assert.Contains("not valid or has expired", a));
        Assert.Contains("Too many wrong codes", answers[4]);
    }

    [Fact]
    public async Task RequestCode_FourthForOnePhone_Answers429()
    {
        using var client = _app.CreateBrowserClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.RequestCodeAsync(PhoneB)).StatusCode);
        }

        var response = await client.RequestCodeAsync(PhoneB);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Too many codes were requested", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, await MessagesAsync(PhoneB, OtpTemplate));
    }

    [Fact]
    public async Task RequestCode_OverTheClientIpLimit_Answers429WithProblemDetails()
    {
        await using var app = await StartAsync(a => a.Settings["Identity:Otp:SendsPerClientIp"] = "2");
        using var client = app.CreateBrowserClient();
        await client.RequestCodeAsync("+15550000101");
        await client.RequestCodeAsync("+15550000102");

        var response = await client.RequestCodeAsync("+15550000103");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many sign-in codes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RequestCode_PostedToTheSamePageWithATrailingSlash_CountsAgainstTheClientIpLimit()
    {
        await using var app = await StartAsync(a => a.Settings["Identity:Otp:SendsPerClientIp"] = "2");
        using var client = app.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var phone in new[] { "+15550000201", "+15550000202", "+15550000203" })
        {
            // Routing takes "/account/phone/" to the same page as "/account/phone".
            statuses.Add((await client.PostFormAsync("/account/phone", "phone-send", new() { ["Input.Phone"] = phone }, action: "/account/phone/")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }
}
