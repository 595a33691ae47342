using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Valmetal.TestSupport.ApiMatrix;

/// <summary>
/// Fuzz-style bodies for every write operation of the matrix: malformed JSON, wrong types, huge strings, deep nesting,
/// an oversized body, and numbers at the edges in every value (nested ones too). Each must answer below 500 (or, where
/// a test runs without the operation's dependency, that dependency's 503), and a refusal must be problem details.
/// </summary>
public static class BadBodies
{
    private const int ApiBodyLimit = 256 * 1024;

    private static readonly string[] BodylessActions =
        ["/complete", "/disable", "/enable", "/certificate", "/certificate/revoke", "/acknowledge", "/invitation", "/password-reset", "/signout",
            "/notifications/test"];

    /// <summary>Operations that read a JSON body (the others take no input beyond their route).</summary>
    public static IEnumerable<EndpointCase> WriteOperations() =>
        EndpointMatrix.Cases.Where(c => c.Method is "POST" or "PUT" && !BodylessActions.Any(a => c.Route.EndsWith(a, StringComparison.Ordinal)));

    /// <summary>
    /// Sends each bad body in place of the valid one of <paramref name="template"/>, and returns what went wrong. A 503
    /// counts as an answer only when <paramref name="unavailable"/> says the operation's dependency is down.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SendAllAsync(HttpClient client, HttpRequestMessage template, bool unavailable)
    {
        var valid = (JsonObject)JsonNode.Parse(await template.Content!.ReadAsStringAsync())!;
        var failures = new List<string>();
        foreach (var (name, body, mustFail) in Mutations(valid))
        {
            using var request = new HttpRequestMessage(template.Method, template.RequestUri);
            foreach (var header in template.Headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            // An oversized body is refused as soon as its headers arrive; "Expect: 100-continue" lets the client hear
            // that 413 instead of having its upload cut off mid-stream.
            request.Headers.ExpectContinue = body.Length > ApiBodyLimit;
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var answered = mustFail ? status is >= 400 and < 500 : status < 500 || (unavailable && status == 503);
            if (!answered || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                failures.Add($"{name}: got {status} {await response.Content.ReadAsStringAsync()}");
            }
        }

        return failures;
    }

    /// <summary>Each bad body, and whether it must be refused (a null may be fine where a field is optional).</summary>
    private static IEnumerable<(string Name, string Body, bool MustFail)> Mutations(JsonObject valid)
    {
        yield return ("malformed JSON", "{\"name\": ", true);
        yield return ("an array", "[1, 2, 3]", true);
        yield return ("null", "null", true);
        yield return ("a number", "42", true);
        yield return ("an oversized body", JsonSerializer.Serialize(new { padding = new string('x', 300_000) }), true);
        yield return ("deep nesting", new string('[', 200) + new string(']', 200), true);
        yield return ("an empty object", "{}", true);
        foreach (var (path, number) in from path in Leaves(valid) from number in EdgeNumbers select (path, number))
        {
            yield return ($"{path} = {number[..Math.Min(number.Length, 40)]}", WithLeaf(valid, path, JsonNode.Parse(number)), false);
        }

        foreach (var (property, value) in valid)
        {
            yield return ($"{property} of the wrong type", With(valid, property, WrongType(value)), true);
            yield return ($"{property} null", With(valid, property, null), false);
            if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
            {
                yield return ($"{property} of 100,000 characters", With(valid, property, JsonValue.Create(new string('é', 100_000))), true);
                yield return ($"{property} with control characters", With(valid, property, JsonValue.Create("\u0000\u0001\u001f<script>")), true);
            }
        }
    }

    /// <summary>Numbers at the edges of what JSON, .NET, PostgreSQL and DynamoDB can hold, numbers in strings, and a NUL.</summary>
    private static readonly string[] EdgeNumbers =
    [
        "1e400", "-1e400", "1e-400", "1e1000000", "-0", "9223372036854775808", "-9223372036854775809", "2147483648", "\"a\\u0000b\"",
        "123456789012345678901234567890123456789", "1.7976931348623157e308", "4.9e-324", "\"NaN\"", "\"Infinity\"", "\"1e400\"",
    ];

    /// <summary>JSON paths of the body's values, nested objects and the first item of arrays included.</summary>
    private static IEnumerable<string[]> Leaves(JsonNode? node, string[]? path = null)
    {
        path ??= [];
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var leaf in Leaves(value, [.. path, key]))
                    {
                        yield return leaf;
                    }
                }

                if (path.Length > 0)
                {
                    yield return path;
                }

                break;
            case JsonArray { Count: > 0 } array:
                foreach (var leaf in Leaves(array[0], [.. path, "0"]))
                {
                    yield return leaf;
                }

                yield return path;
                break;
            default:
                yield return path;
                break;
        }
    }

    private static string WithLeaf(JsonObject valid, string[] path, JsonNode? value)
    {
        var copy = valid.DeepClone();
        var parent = path[..^1].Aggregate(copy, (node, step) => node is JsonArray array ? array[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!);
        if (parent is JsonArray items)
        {
            items[int.Parse(path[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent[path[^1]] = value;
        }

        return copy.ToJsonString();
    }

    private static JsonNode WrongType(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(12345),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create("not a number"),
        JsonArray => new JsonObject { ["unexpected"] = true },
        JsonObject => JsonValue.Create(false),
        _ => JsonValue.Create("unexpected"),
    };

    private static string With(JsonObject valid, string property, JsonNode? value)
    {
        var copy = (JsonObject)valid.DeepClone();
        copy[property] = value;
        return copy.ToJsonString();
    }
}
