using System.Net;
using System.Text.RegularExpressions;

namespace Valmetal.Web.Tests.Hosting;

/// <summary>Reads antiforgery tokens from rendered pages and posts forms with them, as a browser would.</summary>
public sealed partial class BrowserLikeClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    /// <summary>The token the sign-in page renders for whoever is signed in now (tokens are bound to the user).</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var html = await Http.GetStringAsync(new Uri("/signin", UriKind.Relative));
        return TokenInput().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page rendered no antiforgery token.");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken)
        {
            all.Add(new("__RequestVerificationToken", await AntiforgeryTokenAsync()));
        }

        using var content = new FormUrlEncodedContent(all);
        return await Http.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public async Task SignInAsync(string email = "farmer@farm.test")
    {
        using var response = await PostFormAsync("/account/signin", [new("email", email), new("password", "Farmer-Password-1"), new("returnUrl", "/")]);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode} to {response.Headers.Location}.");
        }
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex TokenInput();
}
