using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Valmetal.TestSupport;

namespace Valmetal.AwsHttp.Tests;

/// <summary>
/// Our SigV4 against AWS's own signer (@smithy/signature-v4, tests/aws-parity/sign.mjs) for the same request,
/// keys, region, service and time: the Authorization headers must be equal, so any change to our canonical form
/// (path encoding, query order, header set or trimming, payload hash, scope) fails here.
/// </summary>
public sealed class SignatureParityTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 30, 14, 5, 9, TimeSpan.Zero);
    private static readonly AwsKeys Keys = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly AwsKeys SessionKeys = new("ASIAEXAMPLE", "session/secret+key", "IQoJb3JpZ2luX2VjEMv//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==");

    public sealed record Case(
        string Name,
        HttpMethod Method,
        string Url,
        string WirePath,
        JsonObject Query,
        string? ContentType,
        string? Body,
        Dictionary<string, string> AmzHeaders,
        AwsKeys Keys,
        string Service,
        bool ContentSha256)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases() => new(AllCases);

    private static readonly Case[] AllCases =
    [
        new Case("JSON 1.1 POST (Cognito admin call)", HttpMethod.Post,
            "https://cognito-idp.ca-central-1.amazonaws.com/", "/", [],
            "application/x-amz-json-1.1", """{"UserPoolId":"ca-central-1_AbC","Username":"farmer@example.test"}""",
            new() { ["X-Amz-Target"] = "AWSCognitoIdentityProviderService.AdminGetUser" }, Keys, "cognito-idp", false),
        new Case("GET with a query needing encoding, repeated and unsorted keys", HttpMethod.Get,
            "https://iot.ca-central-1.amazonaws.com/things?thingTypeName=feeder%20v2&maxResults=10&b=2&a=1&a=0&tag=%C3%A9t%C3%A9&sym=a%2Bb%2A%28%29%21%27~&empty=",
            "/things",
            new JsonObject
            {
                ["thingTypeName"] = "feeder v2", ["maxResults"] = "10", ["b"] = "2", ["a"] = new JsonArray("1", "0"),
                ["tag"] = "été", ["sym"] = "a+b*()!'~", ["empty"] = "",
            },
            null, null, [], Keys, "iot", false),
        new Case("Empty body with the payload hash header (REST, IoT data plane)", HttpMethod.Get,
            "https://a1b2c3-ats.iot.ca-central-1.amazonaws.com/things/feeder-001/shadow", "/things/feeder-001/shadow", [],
            null, null, [], Keys, "iotdata", true),
        new Case("Non-ASCII path and body (REST-JSON)", HttpMethod.Post,
            "https://iot.ca-central-1.amazonaws.com/things/moulée n°1/attributes", "/things/moul%C3%A9e%20n%C2%B01/attributes", [],
            "application/json", """{"description":"Mélangeur n°1 — étable 🐄"}""",
            [], Keys, "iot", false),
        new Case("Session credentials (query protocol, SNS Publish)", HttpMethod.Post,
            "https://sns.ca-central-1.amazonaws.com/", "/", [],
            "application/x-www-form-urlencoded; charset=utf-8",
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aca-central-1%3A123456789012%3Aalerts&Message=Silo%20low",
            [], SessionKeys, "sns", false),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Our_signature_equals_the_AWS_SDK_signers(Case c)
    {
        var ours = await SignWithHandlerAsync(c);
        var theirs = (await SignWithSmithyAsync([c]))[0]!;

        Assert.Equal(theirs["authorization"]?.GetValue<string>(), ours.Headers.GetValues("Authorization").Single());
        Assert.Equal(theirs["amzDate"]?.GetValue<string>(), ours.Headers.GetValues("x-amz-date").Single());
        Assert.Equal(theirs["contentSha256"]?.GetValue<string>(), Header(ours, "x-amz-content-sha256"));
        Assert.Equal(theirs["securityToken"]?.GetValue<string>(), Header(ours, "x-amz-security-token"));
    }

    [Fact]
    public async Task A_request_marked_unsigned_leaves_without_signature_headers()
    {
        var c = AllCases[0];
        var ours = await SignWithHandlerAsync(c, unsigned: true);

        Assert.False(ours.Headers.Contains("Authorization"));
        Assert.False(ours.Headers.Contains("x-amz-date"));
    }

    [Fact]
    public async Task Signing_again_replaces_the_headers_of_the_first_attempt()
    {
        var c = AllCases[^1];
        using var request = Build(c);
        var body = Encoding.UTF8.GetBytes(c.Body!);
        SigV4.Sign(request, body, c.Keys, new SigningScope("ca-central-1", c.Service, Time.AddMinutes(-5), false));
        SigV4.Sign(request, body, c.Keys, new SigningScope("ca-central-1", c.Service, Time, false));

        var theirs = (await SignWithSmithyAsync([c]))[0]!;
        Assert.Equal(theirs["authorization"]?.GetValue<string>(), request.Headers.GetValues("Authorization").Single());
        Assert.Single(request.Headers.GetValues("x-amz-date"));
        Assert.Single(request.Headers.GetValues("x-amz-security-token"));
    }

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static HttpRequestMessage Build(Case c)
    {
        var request = new HttpRequestMessage(c.Method, new Uri(c.Url));
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(c.Body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType!);
        }

        foreach (var (name, value) in c.AmzHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static async Task<HttpRequestMessage> SignWithHandlerAsync(Case c, bool unsigned = false)
    {
        var capture = new CapturingHandler();
        using var handler = new SigV4Handler(c.Service, c.ContentSha256,
            Options.Create(new AwsHttpOptions { Region = "ca-central-1" }), new StaticCredentialSource(c.Keys), new FixedTime(Time))
        {
            InnerHandler = capture,
        };
        using var client = new HttpClient(handler);
        var request = Build(c);
        if (unsigned)
        {
            request.MarkUnsigned();
        }

        using var response = await client.SendAsync(request);
        return capture.Received.Single().Request;
    }

    private static async Task<JsonArray> SignWithSmithyAsync(IEnumerable<Case> cases)
    {
        var input = new JsonArray([.. cases.Select(c =>
        {
            var uri = new Uri(c.Url);
            var headers = new JsonObject { ["host"] = uri.Authority };
            if (c.ContentType is not null)
            {
                headers["content-type"] = c.ContentType;
            }

            foreach (var (name, value) in c.AmzHeaders)
            {
                headers[name.ToLowerInvariant()] = value;
            }

            return (JsonNode)new JsonObject
            {
                ["method"] = c.Method.Method,
                ["hostname"] = uri.Host,
                ["path"] = c.WirePath,
                ["query"] = c.Query.DeepClone(),
                ["headers"] = headers,
                ["body"] = c.Body,
                ["credentials"] = new JsonObject
                {
                    ["accessKeyId"] = c.Keys.AccessKeyId,
                    ["secretAccessKey"] = c.Keys.SecretAccessKey,
                    ["sessionToken"] = c.Keys.SessionToken,
                },
                ["region"] = "ca-central-1",
                ["service"] = c.Service,
                ["date"] = Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["applyChecksum"] = c.ContentSha256,
            };
        })]);
        var output = await NodeScript.RunAsync("sign.mjs", input.ToJsonString());
        return JsonNode.Parse(output)!.AsArray();
    }
}
