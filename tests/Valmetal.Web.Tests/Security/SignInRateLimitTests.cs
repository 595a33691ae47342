using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Security;

public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task An_account_gets_a_limited_number_of_attempts_per_window_from_any_address()
    {
        await using var web = Limited(perAccount: 2, perAddress: 100);
        using var browser = web.CreateBrowser();
        await browser.SignInAsync("target@farm.test");
        await browser.SignInAsync("TARGET@farm.test ");

        using var refused = await AttemptAsync(browser, " Target@Farm.test");
        await AssertTooManyAsync(refused);
        Assert.Equal(2, web.Cognito.CallsTo("InitiateAuth").Count());
        await browser.SignInAsync("someone-else@farm.test");
    }

    [Fact]
    public async Task An_address_gets_a_limited_number_of_attempts_per_window_whatever_the_accounts_and_forwarded_headers()
    {
        await using var web = Limited(perAccount: 100, perAddress: 2);
        using var browser = web.CreateBrowser();
        await browser.SignInAsync("one@farm.test");
        await browser.SignInAsync("two@farm.test");

        // No forwarded headers are configured, so a claimed client address is not believed.
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        using var refused = await AttemptAsync(browser, "three@farm.test");

        await AssertTooManyAsync(refused);
        Assert.Equal(2, web.Cognito.CallsTo("InitiateAuth").Count());
    }

    [Theory]
    [InlineData("PerAccountPermits", "0")]
    [InlineData("PerAddressPermits", "-1")]
    [InlineData("Window", "00:00:00")]
    public async Task Limits_out_of_range_stop_the_app_at_start(string name, string value)
    {
        await using var web = new WebAppFactory();
        web.Settings[$"RateLimits:SignIn:{name}"] = value;

        var error = Assert.IsType<OptionsValidationException>(web.StartFailure());

        Assert.Contains(name, string.Join(' ', error.Failures), StringComparison.Ordinal);
    }

    private static WebAppFactory Limited(int perAccount, int perAddress)
    {
        var web = new WebAppFactory();
        web.Settings["RateLimits:SignIn:PerAccountPermits"] = perAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        web.Settings["RateLimits:SignIn:PerAddressPermits"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return web;
    }

    private static Task<HttpResponseMessage> AttemptAsync(BrowserLikeClient browser, string email) =>
        browser.PostFormAsync("/account/signin", [new("email", email), new("password", "Farmer-Password-1"), new("returnUrl", "/")]);

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }
}
