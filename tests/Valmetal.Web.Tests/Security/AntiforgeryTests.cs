using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Security;

public sealed class AntiforgeryTests
{
    private static readonly string[] StateChanging = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    [Fact]
    public async Task Every_endpoint_that_accepts_a_state_changing_method_requires_an_antiforgery_token()
    {
        await using var web = new WebAppFactory();
        using var client = web.CreateClient();
        await client.GetAsync(new Uri("/signin", UriKind.Relative));

        var endpoints = web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var changing = endpoints
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Intersect(StateChanging).Any() == true)
            // Blazor's circuit hub: reached by script, not forms; the session cookie (SameSite=Lax) is not sent cross-site.
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal) != true)
            .ToList();

        Assert.Contains(changing, e => e.RoutePattern.RawText == "account/signout");
        Assert.Contains(changing, e => e.RoutePattern.RawText == "account/signin");
        Assert.All(changing, e => Assert.True(
            e.Metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation == true,
            $"{e.DisplayName} ({e.RoutePattern.RawText}) accepts a state-changing method without an antiforgery check"));
    }

    [Fact]
    public async Task Sign_in_without_an_antiforgery_token_is_refused()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();

        using var response = await browser.PostFormAsync(
            "/account/signin", [new("email", "farmer@farm.test"), new("password", "Farmer-Password-1")], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(web.Cognito.CallsTo("InitiateAuth"));
    }

    [Fact]
    public async Task A_page_form_posted_without_an_antiforgery_token_is_refused()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        await browser.SignInAsync();

        using var response = await browser.PostFormAsync("/maintenance", [new("_handler", "log-work")], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
