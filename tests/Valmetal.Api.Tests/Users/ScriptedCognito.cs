using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Valmetal.Api.Features.Users;
using Valmetal.Identity;

namespace Valmetal.Api.Tests.Users;

/// <summary>
/// A user pool that answers each operation (by its X-Amz-Target) with a canned JSON-protocol response, or throws as
/// a dead connection does; operations not scripted succeed with an empty object.
/// </summary>
public sealed class ScriptedCognito : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpResponseMessage>> _answers = new(StringComparer.Ordinal);
    private readonly List<(string Operation, JsonObject Body)> _received = [];

    /// <summary>The bodies sent for one operation, in order.</summary>
    public IReadOnlyList<JsonObject> Bodies(string operation) => [.. _received.Where(r => r.Operation == operation).Select(r => r.Body)];

    public ScriptedCognito Answer(string operation, HttpStatusCode status, string body)
    {
        _answers[operation] = () => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
        return this;
    }

    public ScriptedCognito Fail(string operation, string type, string message, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        Answer(operation, status, $$"""{"__type":"{{type}}","message":"{{message}}"}""");

    public ScriptedCognito Unreachable(string operation)
    {
        _answers[operation] = () => throw new HttpRequestException("Connection refused (cognito.test:443)");
        return this;
    }

    public CognitoUserAdministration Administration() => new(
        new CognitoApiClient(new HttpClient(this) { BaseAddress = new Uri("http://cognito.test") }),
        Options.Create(new CognitoOptions { UserPoolId = "eu-west-1_test" }));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.Headers.GetValues("X-Amz-Target").Single().Split('.')[^1];
        _received.Add((operation, JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject()));
        return _answers.TryGetValue(operation, out var answer)
            ? answer()
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
    }
}
