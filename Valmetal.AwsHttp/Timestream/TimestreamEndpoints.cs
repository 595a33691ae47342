using System.Globalization;
using System.Text.Json.Nodes;

namespace Valmetal.AwsHttp.Timestream;

/// <summary>
/// Timestream's endpoint discovery, as AWS's SDKs do it: DescribeEndpoints on the regional endpoint (the client's
/// <see cref="HttpClient.BaseAddress"/>) names a cell, and every other call goes to that host, with the regional
/// endpoint's scheme and port, for the period the answer gives. A call refused with InvalidEndpointException
/// discovers again once. One instance per API (<typeparamref name="TClient"/>: Write and Query have their own cells),
/// for the process's lifetime, while the clients that use it come and go with their HTTP handlers.
/// </summary>
public sealed class TimestreamEndpoints<TClient>(TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _discovering = new(1, 1);
    private Discovered? _current;

    /// <summary>Sends one operation to the discovered endpoint; answers its JSON output or throws its typed error.</summary>
    public async Task<JsonObject> SendAsync(HttpClient http, string operation, JsonObject body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var endpoint = await CurrentAsync(http, ct);
            // Every operation here may be sent twice: a write of the same records is a no-op, a query carries a client token.
            using var request = AwsJsonProtocol.CreateRequest(TimestreamApi.TargetPrefix, operation, body, "1.0").MarkIdempotent();
            request.RequestUri = endpoint;
            try
            {
                return await AwsJsonProtocol.SendAsync(http, request, TimestreamErrors.From, ct);
            }
            catch (TimestreamException ex) when (ex.Code == TimestreamErrors.InvalidEndpoint && attempt == 1)
            {
                Forget(endpoint);
            }
        }
    }

    private async Task<Uri> CurrentAsync(HttpClient http, CancellationToken ct)
    {
        if (Volatile.Read(ref _current) is { } known && known.Until > time.GetUtcNow())
        {
            return known.Endpoint;
        }

        await _discovering.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _current) is { } raced && raced.Until > time.GetUtcNow())
            {
                return raced.Endpoint;
            }

            var endpoints = await TimestreamApi.DescribeEndpointsAsync(http, ct);
            if (endpoints.Count == 0)
            {
                throw new TimestreamUnavailableException(new AwsError("UnreadableResponse", "DescribeEndpoints named no endpoint", 200, null));
            }

            var (address, period) = endpoints[0];
            var regional = http.BaseAddress ?? throw new InvalidOperationException("The Timestream client has no regional endpoint (BaseAddress).");
            if (Uri.CheckHostName(address) == UriHostNameType.Unknown)
            {
                throw new TimestreamUnavailableException(new AwsError(
                    "UnreadableResponse", string.Create(CultureInfo.InvariantCulture, $"DescribeEndpoints named '{address}', which is not a host name"), 200, null));
            }

            var endpoint = new UriBuilder(regional) { Host = address, Path = "/" }.Uri;
            Volatile.Write(ref _current, new Discovered(endpoint, time.GetUtcNow() + period));
            return endpoint;
        }
        finally
        {
            _discovering.Release();
        }
    }

    private void Forget(Uri endpoint)
    {
        var known = Volatile.Read(ref _current);
        if (known is not null && known.Endpoint == endpoint)
        {
            Interlocked.CompareExchange(ref _current, null, known);
        }
    }

    public void Dispose() => _discovering.Dispose();

    private sealed record Discovered(Uri Endpoint, DateTimeOffset Until);
}
