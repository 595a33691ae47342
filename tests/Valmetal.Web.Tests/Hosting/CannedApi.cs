using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace Valmetal.Web.Tests.Hosting;

/// <summary>One request the web app sent to the API.</summary>
public sealed record ApiCall(HttpMethod Method, string PathAndQuery, string? Authorization, string Body);

/// <summary>
/// The Valmetal API as far as sign-in, an empty fleet and push subscriptions need it; anything else is a 404. Every
/// call is recorded.
/// </summary>
public sealed class CannedApi
{
    public ConcurrentQueue<ApiCall> Calls { get; } = new();

    /// <summary>The language the user saved, as <c>GET /api/me</c> tells it; <c>PUT /api/me/language</c> changes it.</summary>
    public string? SavedLanguage { get; set; }

    public HttpMessageHandler CreateHandler() => new Handler(this);

    public IEnumerable<ApiCall> CallsTo(HttpMethod method, string path) =>
        Calls.Where(c => c.Method == method && c.PathAndQuery.Split('?')[0] == path);

    private sealed class Handler(CannedApi api) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            api.Calls.Enqueue(new ApiCall(request.Method, request.RequestUri.PathAndQuery, request.Headers.Authorization?.ToString(),
                request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken)));
            if (path == "/api/me/notifications/push")
            {
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }

            if (path == "/api/me/language")
            {
                api.SavedLanguage = (await request.Content!.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(cancellationToken))!["language"]!.GetValue<string>();
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }

            object? body = path switch
            {
                "/api/me" => new { sub = "sub", email = "farmer@farm.test", displayName = "Farmer", role = "farmers", disabled = false, farms = Array.Empty<object>(), language = api.SavedLanguage },
                "/api/farms" or "/api/fleet/state" => Array.Empty<object>(),
                "/api/equipment" or "/api/maintenance" or "/api/alarms" => new { items = Array.Empty<object>(), page = 1, pageSize = 200, total = 0 },
                _ => null,
            };
            return body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body) };
        }
    }
}
