using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Valmetal.AwsHttp.Timestream;

/// <summary>
/// Timestream's Query, to the endpoint discovery names, read page by page: Timestream pages a result by NextToken,
/// and a page may hold no rows while the query still runs, so only a page without NextToken ends it. Every page of one
/// run carries the run's client token, so a retried page is answered, not run again.
/// </summary>
public sealed class TimestreamQueryClient(HttpClient http, TimestreamEndpoints<TimestreamQueryClient> endpoints)
{
    /// <summary>The rows of <paramref name="sql"/>, each as its cells' scalar values (null for SQL NULL), in order.</summary>
    public async IAsyncEnumerable<IReadOnlyList<string?>> QueryAsync(
        string sql, string? clientToken = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var token = clientToken ?? Guid.NewGuid().ToString();
        string? next = null;
        do
        {
            var body = new JsonObject { ["QueryString"] = sql, ["ClientToken"] = token };
            if (next is not null)
            {
                body["NextToken"] = next;
            }

            var page = await endpoints.SendAsync(http, "Query", body, ct);
            foreach (var row in (page["Rows"] as JsonArray ?? []).OfType<JsonObject>())
            {
                yield return [.. (row["Data"] as JsonArray ?? []).Select(cell => cell?["ScalarValue"]?.GetValue<string>())];
            }

            next = page["NextToken"]?.GetValue<string>();
        }
        while (next is not null);
    }
}
