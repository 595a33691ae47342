using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Valmetal.Api.Features.DeviceIdentity.IotCore;

namespace Valmetal.AwsHttp.Tests;

/// <summary>
/// What IotClient sends against what AWS's IoT client (@aws-sdk/client-iot) sends for the same inputs: method, path
/// with its encoded labels, query, the x-amzn-principal header, content type and JSON body. Each operation also has
/// one mutation (a renamed field, query parameter or header, another path or method) that the comparison must catch,
/// so the test is known to fail when that part of our request changes.
/// </summary>
public sealed class IotRequestParityTests
{
    private const string Thing = "VM-FM-29901";
    private const string Policy = "valmetal-device";
    private const string CertificateId = "4f1c8e9a0b2d";
    private const string CertificateArn = "arn:aws:iot:ca-central-1:123456789012:cert/4f1c8e9a0b2d";
    private const string Csr = "-----BEGIN CERTIFICATE REQUEST-----\nMIIBFzCBvgIBADAc\n-----END CERTIFICATE REQUEST-----\n";

    /// <summary>Every operation, with its SDK input and the mutation of our request the comparison must catch.</summary>
    private static readonly (string Operation, JsonObject Input, string Mutation, Func<WireRequest, WireRequest> Mutate)[] Operations =
    [
        ("CreateThing",
            new JsonObject { ["thingName"] = Thing, ["thingTypeName"] = "VM-FM-1200", ["attributePayload"] = new JsonObject { ["attributes"] = new JsonObject { ["model"] = "VM-FM-1200" } } },
            "body member thingTypeName renamed thingType", r => r.WithBodyMemberRenamed("thingTypeName", "thingType")),
        ("CreateKeysAndCertificate", new JsonObject { ["setAsActive"] = true },
            "query setAsActive renamed active", r => r with { Query = ["active=true"] }),
        ("CreateCertificateFromCsr", new JsonObject { ["certificateSigningRequest"] = Csr, ["setAsActive"] = true },
            "body member certificateSigningRequest renamed csr", r => r.WithBodyMemberRenamed("certificateSigningRequest", "csr")),
        ("AttachPolicy", new JsonObject { ["policyName"] = Policy, ["target"] = CertificateArn },
            "method PUT changed to POST", r => r with { Method = "POST" }),
        ("AttachThingPrincipal", new JsonObject { ["thingName"] = Thing, ["principal"] = CertificateArn },
            "header x-amzn-principal renamed x-amz-principal", r => r.WithHeaderRenamed("x-amzn-principal", "x-amz-principal")),
        ("UpdateCertificate", new JsonObject { ["certificateId"] = CertificateId, ["newStatus"] = "REVOKED" },
            "query newStatus renamed status", r => r with { Query = ["status=REVOKED"] }),
        ("DetachThingPrincipal", new JsonObject { ["thingName"] = Thing, ["principal"] = CertificateArn },
            "path /principals changed to /principal", r => r with { Path = r.Path.Replace("/principals", "/principal", StringComparison.Ordinal) }),
        ("DetachPolicy", new JsonObject { ["policyName"] = Policy, ["target"] = CertificateArn },
            "body member target renamed targetArn", r => r.WithBodyMemberRenamed("target", "targetArn")),
        ("DescribeEndpoint", new JsonObject { ["endpointType"] = "iot:Data-ATS" },
            "query value sent without encoding its colon", r => r with { Query = ["endpointType=iot:Data-ATS"] }),
        ("ListThingPrincipals", new JsonObject { ["thingName"] = Thing },
            "path label /things/ changed to /thing/", r => r with { Path = r.Path.Replace("/things/", "/thing/", StringComparison.Ordinal) }),
        ("DeleteThing", new JsonObject { ["thingName"] = Thing },
            "method DELETE changed to POST", r => r with { Method = "POST" }),
    ];

    public static TheoryData<string> OperationNames => [.. Operations.Select(o => o.Operation)];

    private static readonly Lazy<Task<(IReadOnlyList<WireRequest> Theirs, IReadOnlyList<WireRequest> Ours)>> Sent = new(async () =>
        (await SdkParity.SendTheirsAsync("iot", Operations.Select(o => (o.Operation, o.Input))), await SendOursAsync()));

    [Fact]
    public async Task Our_IoT_requests_equal_the_AWS_SDKs()
    {
        var (theirs, ours) = await Sent.Value;
        SdkParity.AssertSame(theirs, ours);
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public async Task A_changed_part_of_each_IoT_request_is_caught(string operation)
    {
        var (theirs, ours) = await Sent.Value;
        var index = Array.FindIndex(Operations, o => o.Operation == operation);
        var mutated = Operations[index].Mutate(ours[index]);

        Assert.NotEmpty(SdkParity.Differences(theirs[index], mutated));
    }

    [Fact]
    public async Task A_thing_name_AWS_would_encode_is_encoded_as_the_SDK_does()
    {
        const string name = "barn 2:feeder";
        var theirs = await SdkParity.SendTheirsAsync("iot", [("DeleteThing", new JsonObject { ["thingName"] = name })]);
        var capture = new CapturingHandler();
        using var http = new HttpClient(capture) { BaseAddress = new Uri("https://iot.test") };

        await new IotClient(http).DeleteThingAsync(name, CancellationToken.None);

        SdkParity.AssertSame(theirs, [SdkParity.FromOurs("DeleteThing", capture.Received[0].Request, capture.Received[0].Body)]);
    }

    private static async Task<IReadOnlyList<WireRequest>> SendOursAsync()
    {
        var capture = new CapturingHandler((request, _) => Answer(request));
        using var http = new HttpClient(capture) { BaseAddress = new Uri("https://iot.test") };
        var iot = new IotClient(http);
        var ct = CancellationToken.None;

        await iot.CreateThingAsync(Thing, "VM-FM-1200", new Dictionary<string, string> { ["model"] = "VM-FM-1200" }, ct);
        await iot.CreateKeysAndCertificateAsync(ct);
        await iot.CreateCertificateFromCsrAsync(Csr, ct);
        await iot.AttachPolicyAsync(Policy, CertificateArn, ct);
        await iot.AttachThingPrincipalAsync(Thing, CertificateArn, ct);
        await iot.UpdateCertificateAsync(CertificateId, "REVOKED", ct);
        await iot.DetachThingPrincipalAsync(Thing, CertificateArn, ct);
        await iot.DetachPolicyAsync(Policy, CertificateArn, ct);
        await iot.DescribeEndpointAsync("iot:Data-ATS", ct);
        await iot.ListThingPrincipalsAsync(Thing, ct);
        await iot.DeleteThingAsync(Thing, ct);

        return [.. capture.Received.Select((r, i) => SdkParity.FromOurs(Operations[i].Operation, r.Request, r.Body))];
    }

    /// <summary>Answers shaped as the IoT API reference documents them.</summary>
    private static HttpResponseMessage Answer(HttpRequestMessage request) => request.RequestUri!.AbsolutePath switch
    {
        "/things/" + Thing when request.Method == HttpMethod.Post =>
            Json($$"""{"thingName":"{{Thing}}","thingArn":"arn:aws:iot:ca-central-1:123456789012:thing/{{Thing}}","thingId":"8e3c"}"""),
        "/keys-and-certificate" => Json($$"""
            {"certificateArn":"{{CertificateArn}}","certificateId":"{{CertificateId}}","certificatePem":"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
             "keyPair":{"PublicKey":"-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n","PrivateKey":"-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n"}
             }
            """),
        "/certificates" => Json($$"""
            {"certificateArn":"{{CertificateArn}}","certificateId":"{{CertificateId}}","certificatePem":"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"}
            """),
        "/endpoint" => Json("""{"endpointAddress":"a1b2c3d4e5f6g7-ats.iot.ca-central-1.amazonaws.com"}"""),
        "/things/" + Thing + "/principals" when request.Method == HttpMethod.Get => Json($$"""{"principals":["{{CertificateArn}}"]}"""),
        _ => Json("{}"),
    };

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
