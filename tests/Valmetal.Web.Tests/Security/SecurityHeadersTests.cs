using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.Security;

public sealed partial class SecurityHeadersTests
{
    [Theory]
    [InlineData("GET", "/signin", HttpStatusCode.OK)]
    [InlineData("GET", "/app.css", HttpStatusCode.OK)]
    [InlineData("GET", "/service-worker.js", HttpStatusCode.OK)]
    [InlineData("GET", "/fleet/snapshot.json", HttpStatusCode.Redirect)]
    [InlineData("GET", "/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("POST", "/account/signout", HttpStatusCode.BadRequest)]
    public async Task Every_response_carries_the_security_headers(string method, string path, HttpStatusCode status)
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();

        using var response = await browser.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        var policy = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["form-action"]);
    }

    [Fact]
    public async Task Pages_may_reach_the_configured_document_bucket_and_nothing_else()
    {
        await using var web = new WebAppFactory();
        web.Settings["ContentSecurityPolicy:ConnectSources:0"] = "http://127.0.0.1:4569/";
        using var browser = web.CreateBrowser();

        using var response = await browser.Http.GetAsync(new Uri("/signin", UriKind.Relative));

        Assert.Equal("'self' http://127.0.0.1:4569", Directives(Header(response, "Content-Security-Policy"))["connect-src"]);
    }

    [Theory]
    [InlineData("http://bucket.test/path")]
    [InlineData("http://bucket.test; script-src *")]
    [InlineData("ftp://bucket.test")]
    [InlineData("*")]
    public async Task A_connect_source_that_is_not_an_origin_stops_the_app_at_start(string source)
    {
        await using var web = new WebAppFactory();
        web.Settings["ContentSecurityPolicy:ConnectSources:0"] = source;

        var error = Assert.IsType<OptionsValidationException>(web.StartFailure());

        Assert.Contains("ConnectSources", string.Join(' ', error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rendered_pages_hold_no_inline_script_or_style_the_policy_would_block()
    {
        await using var web = new WebAppFactory();
        using var browser = web.CreateBrowser();
        await browser.SignInAsync();

        foreach (var path in new[] { "/signin", "/", "/maintenance", "/alarms" })
        {
            var html = await browser.Http.GetStringAsync(new Uri(path, UriKind.Relative));

            Assert.Contains("<script src=", html, StringComparison.Ordinal);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(InlineStyle(), html);
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"no {name} header");

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty, StringComparer.Ordinal);

    /// <summary>A script element without a src attribute, or any on* handler attribute.</summary>
    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style[\s>]|\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();
}
