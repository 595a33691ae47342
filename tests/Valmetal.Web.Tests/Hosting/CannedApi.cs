using System.Net;
using System.Net.Http.Json;

namespace Valmetal.Web.Tests.Hosting;

/// <summary>The Valmetal API as far as sign-in and an empty fleet need it; anything else is a 404.</summary>
public sealed class CannedApi
{
    public HttpMessageHandler CreateHandler() => new Handler();

    private sealed class Handler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            object? body = path switch
            {
                "/api/me" => new { sub = "sub", email = "farmer@farm.test", displayName = "Farmer", role = "farmers", disabled = false, farms = Array.Empty<object>() },
                "/api/farms" or "/api/fleet/state" => Array.Empty<object>(),
                "/api/equipment" or "/api/maintenance" or "/api/alarms" => new { items = Array.Empty<object>(), page = 1, pageSize = 200, total = 0 },
                _ => null,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body) });
        }
    }
}
