using System.Text.Json.Nodes;

namespace Valmetal.TestSupport.ApiMatrix;

/// <summary>
/// Fuzz-style, for every operation of the matrix: each route value and each query parameter the OpenAPI document
/// declares gets values at the edges (numbers JSON and .NET cannot hold, huge and negative pages, over-long text, broken
/// GUIDs and encodings) while the rest of the request stays valid. An undeclared query parameter gets the same values.
/// </summary>
public static class EdgeValues
{
    /// <summary>Each value as it goes into the URL: most are escaped, the last ones are already percent-encoded on purpose.</summary>
    public static readonly string[] Values =
    [
        .. new[]
        {
            "1e400", "-1e400", "1e-400", "-0", "0", "-1", "NaN", "Infinity", "-Infinity", "true",
            "2147483647", "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
            "123456789012345678901234567890123456789", "0.1e-999999999999", new string('9', 400),
            "", " ", "%", "../..", "' or '1'='1", "<script>", "😀", new string('x', 512), new string('x', 513), new string('é', 300),
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-0000-0000-00000000000g",
            "{6f1d6c0e-6c1a-4d8e-9a51-0d3b1f7a0001}", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "-271821-04-20T00:00:00Z",
            "2026-13-45T25:61:00Z", "P99999999D",
        }.Select(Uri.EscapeDataString),
        "%00", "%ED%A0%80", "%C0%AF", "%FF%FE", "%2F", "%25",
    ];

    /// <summary>
    /// What an undeclared query parameter gets. Nothing binds it, so only what the server meets before binding can
    /// matter: broken or escaped encodings, odd characters and length; numbers, dates and GUIDs would test nothing.
    /// </summary>
    public static readonly string[] UndeclaredValues = [.. Values.Where(v => v.Contains('%', StringComparison.Ordinal) || v.Length > 100)];

    /// <summary>The name of the query parameter no operation declares.</summary>
    private const string Undeclared = "unexpected";

    /// <summary>
    /// Sends every variant of <paramref name="template"/> and returns what went wrong: an answer of 500 or more (but the
    /// dependency's 503 where <paramref name="unavailable"/>), or a refusal that is not problem details.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SendAllAsync(
        HttpClient client, HttpRequestMessage template, EndpointCase endpoint, IReadOnlyList<(string Name, string In)> parameters, bool unavailable)
    {
        var body = template.Content is null ? null : await template.Content.ReadAsStringAsync();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var sent = 0;
        // Reads go four at a time, which the suite's time needs; writes one at a time, as racing identical writes is
        // what the concurrency tests are about, not this one.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = template.Method == HttpMethod.Get ? 4 : 1 };

        await Parallel.ForEachAsync(Variants(template.RequestUri!.OriginalString, endpoint.Route, parameters), parallel, async (variant, ct) =>
        {
            var (parameter, url) = variant;
            using var request = new HttpRequestMessage(template.Method, url);
            foreach (var header in template.Headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (body is not null)
            {
                request.Content = new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            // Headers are enough: /api/live answers a stream that never ends.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            Interlocked.Increment(ref sent);
            var status = (int)response.StatusCode;
            // Kestrel itself refuses some paths (a NUL decoded from %00) with an empty 400 before any middleware runs.
            var refusedByServer = status == 400 && response.Content.Headers.ContentLength == 0;
            var failed = status >= 500 && !(unavailable && status == 503);
            if (failed || (status >= 400 && !refusedByServer && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                failures.Add($"{parameter}: {url[..Math.Min(url.Length, 200)]} -> {status} {response.Content.Headers.ContentType?.MediaType}");
            }
        });

        var expected = (parameters.Count * Values.Length) + UndeclaredValues.Length;
        if (sent != expected)
        {
            failures.Add($"sent {sent} of {expected} variants");
        }

        return [.. failures];
    }

    /// <summary>The request with one route or query value replaced, for each declared parameter and each edge value.</summary>
    public static IEnumerable<(string Parameter, string Url)> Variants(string url, string route, IReadOnlyList<(string Name, string In)> parameters)
    {
        var (path, query) = url.IndexOf('?', StringComparison.Ordinal) is var mark and >= 0 ? (url[..mark], url[(mark + 1)..]) : (url, string.Empty);
        var segments = path.TrimStart('/').Split('/');
        var template = route.TrimStart('/').Split('/');
        var pairs = query.Length == 0 ? [] : query.Split('&').Select(p => p.Split('=', 2)).Select(p => (Name: p[0], Value: p.Length > 1 ? p[1] : string.Empty)).ToList();

        // A parameter no operation declares must be ignored or refused, never trip the server either.
        foreach (var (name, location) in parameters.Append((Undeclared, "query")))
        {
            foreach (var value in name == Undeclared ? UndeclaredValues : Values)
            {
                if (location == "path" && segments.Length == template.Length && Array.IndexOf(template, "{" + name + "}") is var at and >= 0)
                {
                    var changed = (string[])segments.Clone();
                    changed[at] = value;
                    yield return (name, string.Join('/', changed) + (query.Length > 0 ? "?" + query : string.Empty));
                }
                else if (location == "query")
                {
                    var changed = pairs.Where(p => !p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Append((Name: name, Value: value));
                    yield return (name, path + "?" + string.Join('&', changed.Select(p => $"{p.Name}={p.Value}")));
                }
            }
        }
    }

    /// <summary>Route and query parameters of one operation, as the API's OpenAPI document declares them.</summary>
    public static IReadOnlyList<(string Name, string In)> DeclaredParameters(JsonObject openApi, EndpointCase endpoint) =>
        (openApi["paths"]![endpoint.Route]![endpoint.Method.ToLowerInvariant()]!["parameters"]?.AsArray() ?? [])
            .Select(p => (Name: p!["name"]!.GetValue<string>(), In: p["in"]!.GetValue<string>()))
            .Where(p => p.In is "path" or "query")
            .ToList();
}
