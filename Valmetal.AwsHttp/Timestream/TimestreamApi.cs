using System.Text.Json.Nodes;

namespace Valmetal.AwsHttp.Timestream;

/// <summary>
/// What Timestream for LiveAnalytics's Write and Query APIs share: AWS JSON 1.0 under one target prefix, one signing
/// name, and endpoint discovery (<see cref="TimestreamEndpoints{TClient}"/>). No AWSSDK.TimestreamWrite or Query
/// package is served to this project; the clients' requests are checked against <c>@aws-sdk/client-timestream-*</c>'s
/// by tests/Valmetal.AwsHttp.Tests.
/// </summary>
public static class TimestreamApi
{
    public const string SigningName = "timestream";

    public const string TargetPrefix = "Timestream_20181101";

    /// <summary>Where the Write API's endpoint discovery starts in a region.</summary>
    public static Uri IngestEndpoint(string region) => new($"https://ingest.timestream.{region}.amazonaws.com/");

    /// <summary>Where the Query API's endpoint discovery starts in a region.</summary>
    public static Uri QueryEndpoint(string region) => new($"https://query.timestream.{region}.amazonaws.com/");

    /// <summary>The cells the regional endpoint (the client's base address) names now, with how long each may be used.</summary>
    public static async Task<IReadOnlyList<(string Address, TimeSpan CachePeriod)>> DescribeEndpointsAsync(HttpClient http, CancellationToken ct)
    {
        using var request = AwsJsonProtocol.CreateRequest(TargetPrefix, "DescribeEndpoints", [], "1.0").MarkIdempotent();
        var answer = await AwsJsonProtocol.SendAsync(http, request, TimestreamErrors.From, ct);
        return [.. (answer["Endpoints"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(e => e["Address"]?.GetValue<string>() is { Length: > 0 })
            .Select(e => (e["Address"]!.GetValue<string>(), TimeSpan.FromMinutes(e["CachePeriodInMinutes"]?.GetValue<long>() ?? 1)))];
    }
}
