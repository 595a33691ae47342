using System.Text.Json;
using System.Text.Json.Nodes;

namespace Valmetal.AwsHttp;

/// <summary>How the JSON-speaking protocols (JSON 1.0/1.1 and REST-JSON) read an answer; they differ only in where the error's name is.</summary>
internal static class AwsJsonResponses
{
    public static async Task<JsonObject> SendAsync(
        HttpClient http, HttpRequestMessage request, AwsExchange.ErrorReader readError, Func<AwsError, Exception> toException, CancellationToken ct)
    {
        var (status, body) = await AwsExchange.SendAsync(http, request, readError, toException, ct);
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject
                ?? throw toException(new AwsError("UnreadableResponse", $"answered {status} without a JSON object", status, null));
        }
        catch (JsonException ex)
        {
            throw toException(new AwsError("UnreadableResponse", $"answered {status} with unreadable JSON: {ex.Message}", status, null));
        }
    }
}
