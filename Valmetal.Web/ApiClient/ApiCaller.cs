using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Valmetal.Web.Account;

namespace Valmetal.Web.ApiClient;

/// <summary>
/// How every client sends a call to the API as the signed-in user and reads its answer, one way: JSON bodies, If-Match
/// where the API versions a resource, and an <see cref="ApiResult{T}"/> for every answer the API gives.
/// </summary>
public sealed class ApiCaller(UserSession session, IStringLocalizer<ApiCaller> text)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A request for the signed-in user; <see cref="ApiBearerHandler"/> adds their token as it leaves.</summary>
    public HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = ApiBearerHandler.For(new HttpRequestMessage(method, url), session.GetAccessTokenAsync);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    public Task<ApiResult<T>> SendAsync<T>(HttpClient http, HttpMethod method, string url, object? body, string? ifMatch, CancellationToken ct) =>
        SendAsync<T>(http, Request(method, url, body, ifMatch), ct);

    /// <summary>Sends <paramref name="request"/> (and disposes of it) and reads the answer.</summary>
    public async Task<ApiResult<T>> SendAsync<T>(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, ct);
            return await ReadAsync<T>(response, ct);
        }
    }

    public async Task<ApiResult<T>> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            return new ApiResult<T>(default, null, await ReadProblemAsync(response, ct));
        }

        // No body to read: 204, and 202 from an API that only queues the work (Content-Length: 0).
        var empty = response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0;
        var value = empty ? default : await response.Content.ReadFromJsonAsync<T>(Json, ct);
        return new ApiResult<T>(value, response.Headers.ETag?.ToString(), null);
    }

    private async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Json, ct);
            var errors = problem?["errors"] is JsonObject fields
                ? fields.ToDictionary(f => f.Key, f => f.Value is JsonArray a ? a.Select(x => x?.ToString() ?? string.Empty).ToArray() : [f.Value?.ToString() ?? string.Empty])
                : new Dictionary<string, string[]>();
            return new ApiProblem(status, problem?["title"]?.ToString() ?? response.ReasonPhrase ?? text["UnknownError"], problem?["detail"]?.ToString(), errors);
        }
        catch (JsonException)
        {
            return new ApiProblem(status, response.ReasonPhrase ?? text["UnknownError"], null, new Dictionary<string, string[]>());
        }
    }
}
