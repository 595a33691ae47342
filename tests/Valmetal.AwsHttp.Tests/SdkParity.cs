using System.Text.Json.Nodes;
using Valmetal.TestSupport;

namespace Valmetal.AwsHttp.Tests;

/// <summary>
/// One request as it went on the wire, in the parts a service reads: method, the path as sent (percent-encoded),
/// the query pairs, the protocol's headers (content type, <c>X-Amz-Target</c>, <c>x-amzn-*</c>) and the body as JSON.
/// Signing, user-agent and transport headers are left out: the signature has its own parity test.
/// </summary>
internal sealed record WireRequest(
    string Operation, string Method, string Path, IReadOnlyList<string> Query, IReadOnlyDictionary<string, string> Headers, JsonNode? Body)
{
    /// <summary>
    /// The signature's credential scope without key and date (<c>ca-central-1/ses/aws4_request</c>), null when unsigned:
    /// the signature parity test cannot tell a wrong signing name, which only the SDK's own request shows.
    /// </summary>
    public string? SigningScope { get; init; }

    /// <summary>
    /// This request with a member of its body under another name: a member by its whole name (a form pair's name
    /// has dots), else by a dotted path to a nested one.
    /// </summary>
    public WireRequest WithBodyMemberRenamed(string path, string newName)
    {
        var body = Body!.DeepClone();
        var names = body.AsObject().ContainsKey(path) ? [path] : path.Split('.');
        var parent = names[..^1].Aggregate(body, (node, name) => node[name]!).AsObject();
        var value = parent[names[^1]]!.DeepClone();
        parent.Remove(names[^1]);
        parent[newName] = value;
        return this with { Body = body };
    }

    public WireRequest WithHeaderRenamed(string name, string newName)
    {
        var headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase);
        headers[newName] = headers[name];
        headers.Remove(name);
        return this with { Headers = headers };
    }

    public WireRequest WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value } };
}

/// <summary>
/// Runs AWS's own SDK client for the same operations and inputs (tests/aws-parity/sdk-requests.mjs) and compares what
/// our clients sent with what it sent. <see cref="Differences"/> lists every part that differs, so a test can also
/// show that a changed field name, path, query or header is caught.
/// </summary>
internal static class SdkParity
{
    public const string DescribeEndpoints = "DescribeEndpoints";

    public static async Task<IReadOnlyList<WireRequest>> SendTheirsAsync(string client, IEnumerable<(string Operation, JsonObject Input)> cases)
    {
        var list = cases.ToList();
        var input = new JsonObject
        {
            ["client"] = client,
            ["cases"] = new JsonArray([.. list.Select(c => (JsonNode)new JsonObject { ["operation"] = c.Operation, ["input"] = c.Input.DeepClone() })]),
        };
        var captured = JsonNode.Parse(await NodeScript.RunAsync("sdk-requests.mjs", input.ToJsonString()))!.AsArray();
        var requests = new List<WireRequest>();
        var next = 0;
        foreach (var c in captured)
        {
            var headers = c!["headers"]!.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
            // Endpoint discovery the SDK did on its own (Timestream) is listed under its operation, before the case that caused it.
            var discovery = headers.GetValueOrDefault("x-amz-target")?.EndsWith('.' + DescribeEndpoints, StringComparison.Ordinal) == true
                && (next >= list.Count || list[next].Operation != DescribeEndpoints);
            var operation = discovery ? DescribeEndpoints : list[next++].Operation;
            requests.Add(Wire(operation, c["method"]!.GetValue<string>(), c["path"]!.GetValue<string>(), headers, c["body"]!.GetValue<string>()));
        }

        Assert.Equal(list.Count, next);
        return requests;
    }

    public static WireRequest FromOurs(string operation, HttpRequestMessage request, string body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.NonValidated.Concat(request.Content?.Headers.NonValidated ?? []))
        {
            headers[name] = string.Join(", ", values);
        }

        return Wire(operation, request.Method.Method, request.RequestUri!.PathAndQuery, headers, body);
    }

    /// <summary>Each part of <paramref name="actual"/> that differs from <paramref name="expected"/>, described; empty when equal.</summary>
    public static IReadOnlyList<string> Differences(WireRequest expected, WireRequest actual)
    {
        var differences = new List<string>();
        void Compare(string part, string? theirs, string? ours)
        {
            if (!string.Equals(theirs, ours, StringComparison.Ordinal))
            {
                differences.Add($"{part}: AWS SDK {theirs ?? "(none)"}, ours {ours ?? "(none)"}");
            }
        }

        Compare("method", expected.Method, actual.Method);
        Compare("path", expected.Path, actual.Path);
        Compare("query", string.Join('&', expected.Query), string.Join('&', actual.Query));
        foreach (var name in expected.Headers.Keys.Union(actual.Headers.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            Compare("header " + name, expected.Headers.GetValueOrDefault(name), actual.Headers.GetValueOrDefault(name));
        }

        // Most tests send ours unsigned (signing has its own test); one that sent it through the signing handler compares the scope.
        if (actual.SigningScope is not null)
        {
            Compare("signing scope", expected.SigningScope, actual.SigningScope);
        }

        if (!JsonNode.DeepEquals(expected.Body, actual.Body))
        {
            Compare("body", expected.Body?.ToJsonString(), actual.Body?.ToJsonString());
        }

        return differences;
    }

    public static void AssertSame(IReadOnlyList<WireRequest> theirs, IReadOnlyList<WireRequest> ours)
    {
        Assert.Equal(theirs.Select(r => r.Operation), ours.Select(r => r.Operation));
        var differences = theirs.Zip(ours).SelectMany(pair => Differences(pair.First, pair.Second).Select(d => $"{pair.First.Operation} {d}")).ToList();
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    private static WireRequest Wire(string operation, string method, string pathAndQuery, Dictionary<string, string> headers, string body)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        var query = question < 0 ? [] : pathAndQuery[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        var protocolHeaders = headers
            .Where(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
                || h.Key.Equals("x-amz-target", StringComparison.OrdinalIgnoreCase)
                || h.Key.StartsWith("x-amzn-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.OrdinalIgnoreCase);
        var form = protocolHeaders.TryGetValue("content-type", out var type) && type.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal);
        return new WireRequest(operation, method, path, query, protocolHeaders, string.IsNullOrEmpty(body) ? null : form ? Form(body) : JsonNode.Parse(body))
        {
            SigningScope = headers.TryGetValue("authorization", out var authorization) ? Scope(authorization) : null,
        };
    }

    /// <summary>
    /// <c>AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, ...</c> as <c>REGION/SERVICE/aws4_request</c>:
    /// the date is left out because the SDK signs at the real time.
    /// </summary>
    private static string Scope(string authorization)
    {
        const string Credential = "Credential=";
        var at = authorization.IndexOf(Credential, StringComparison.Ordinal);
        if (at < 0)
        {
            return authorization;
        }

        var start = at + Credential.Length;
        var end = authorization.IndexOf(',', start);
        return string.Join('/', authorization[start..(end < 0 ? authorization.Length : end)].Split('/').Skip(2));
    }

    /// <summary>A query-protocol form body as a JSON object of its decoded pairs, so it compares like a JSON body.</summary>
    private static JsonObject Form(string body)
    {
        var pairs = new JsonObject();
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            pairs[name] = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
        }

        return pairs;
    }
}
