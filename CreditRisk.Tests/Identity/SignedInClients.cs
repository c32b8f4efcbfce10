using System.Net;
using System.Text.RegularExpressions;
using CreditRisk.Core.Identity;
using CreditRisk.Core.Messaging;
using CreditRisk.Tests.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CreditRisk.Tests.Identity;

/// <summary>
/// Browser-like clients signed in the real way: staff through the sign-in form, customers through the phone-code
/// forms with the code read from the development outbox. Each client keeps its own cookies and does not follow redirects.
/// </summary>
internal static partial class SignedInClients
{
    public const string StaffPassword = "correct-horse-battery-1";

    public static HttpClient CreateBrowserClient(this CreditRiskWebFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = true,
        });

    public static async Task<AppUser> CreateStaffAsync(this CreditRiskWebFactory app, string email, string role, string password = StaffPassword)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid().ToString("N"), UserName = email, NormalizedUserName = "", Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return (await users.FindByIdAsync(user.Id))!;
    }

    /// <summary>Creates the staff user and signs in through <c>/account/signin</c>.</summary>
    public static async Task<HttpClient> SignInStaffAsync(this CreditRiskWebFactory app, string email, string role)
    {
        await app.CreateStaffAsync(email, role);
        var client = app.CreateBrowserClient();
        var response = await client.PostStaffSignInAsync(email, StaffPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> PostStaffSignInAsync(this HttpClient client, string email, string password) =>
        await client.PostFormAsync("/account/signin", "staff-signin", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Signs a customer in by phone code (registering them on the first time).</summary>
    public static async Task<HttpClient> SignInCustomerAsync(this CreditRiskWebFactory app, string phone)
    {
        var client = app.CreateBrowserClient();

        // The outbox lists newest first by time; a tick apart keeps an earlier code from being taken for this one.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var sent = await client.RequestCodeAsync(phone);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var verified = await client.VerifyCodeAsync(phone, await app.LatestCodeAsync(phone));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal("/me", PathOf(verified));
        return client;
    }

    public static Task<HttpResponseMessage> RequestCodeAsync(this HttpClient client, string phone) =>
        client.PostFormAsync("/account/phone", "phone-send", new() { ["Input.Phone"] = phone });

    public static Task<HttpResponseMessage> VerifyCodeAsync(this HttpClient client, string phone, string code) =>
        client.PostFormAsync($"/account/phone/verify?phone={Uri.EscapeDataString(phone)}", "phone-verify", new() { ["Input.Phone"] = phone, ["Input.Code"] = code });

    /// <summary>The code of the latest OTP template message to <paramref name="phone"/> in the development outbox.</summary>
    public static async Task<string> LatestCodeAsync(this CreditRiskWebFactory app, string phone)
    {
        var otpTemplate = new WhatsAppTemplates().Otp.Name;
        var messages = await app.Store.DevelopmentOutbox.ListForRecipientAsync(phone, 20);
        var latest = messages.First(m => m.TemplateName == otpTemplate);
        return latest.BodyParameters[0];
    }

    /// <summary>Posts a static-SSR form the way a browser does: with the page's antiforgery token and the form's handler name.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string? formName, Dictionary<string, string> fields, string? action = null)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {path}.");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        if (formName is not null)
        {
            fields["_handler"] = formName;
        }

        return await client.PostAsync(action ?? path, new FormUrlEncodedContent(fields));
    }

    /// <summary>The path a redirect points to, whether the app wrote it absolute or relative.</summary>
    public static string? PathOf(HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.AbsolutePath
        : location.OriginalString.Split('?')[0];

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
