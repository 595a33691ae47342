using System.Text.Json.Nodes;
using Valmetal.AwsHttp;

namespace Valmetal.Api.Features.DeviceIdentity.IotCore;

public sealed record IotThing(string ThingName, string ThingArn);

/// <summary>A certificate IoT Core made; the private key exists only in this answer.</summary>
public sealed record IotKeysAndCertificate(string CertificateId, string CertificateArn, string CertificatePem, string PrivateKeyPem);

/// <summary>A certificate IoT Core signed from a request whose key stays with the caller.</summary>
public sealed record IotCertificate(string CertificateId, string CertificateArn, string CertificatePem);

/// <summary>
/// The AWS IoT control-plane operations device onboarding needs, over REST-JSON through Valmetal.AwsHttp (no
/// AWSSDK.IoT package is served to this project). Each method is one operation; its request is checked against
/// <c>@aws-sdk/client-iot</c>'s by tests/Valmetal.AwsHttp.Tests. Operations whose repetition leaves the state of one
/// call are marked idempotent, so only they are retried: CreateThing with the same type and attributes answers the
/// existing thing, DeleteThing of a missing thing succeeds. The certificate operations are never repeated, since a lost
/// answer would leave a second active certificate nobody knows of.
/// </summary>
public sealed class IotClient(HttpClient http)
{
    /// <summary>The service name IoT's control plane (iot.{region}.amazonaws.com) is signed for.</summary>
    public const string SigningName = "iot";

    public async Task<IotThing> CreateThingAsync(string thingName, string? thingTypeName, IReadOnlyDictionary<string, string> attributes, CancellationToken ct)
    {
        var body = new JsonObject();
        if (thingTypeName is not null)
        {
            body["thingTypeName"] = thingTypeName;
        }

        if (attributes.Count > 0)
        {
            body["attributePayload"] = new JsonObject
            {
                ["attributes"] = new JsonObject([.. attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]),
            };
        }

        var result = await SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Post, "/things/{thingName}")
            .Label("thingName", thingName).Body(body).Build().MarkIdempotent(), ct);
        return new IotThing(Text(result, "thingName"), Text(result, "thingArn"));
    }

    /// <summary>
    /// IoT Core signs the request's public key and keeps the request's subject, so the certificate names the device
    /// as the key's holder chose; the certificate is active at once.
    /// </summary>
    public async Task<IotCertificate> CreateCertificateFromCsrAsync(string certificateSigningRequestPem, CancellationToken ct)
    {
        var result = await SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Post, "/certificates")
            .Query("setAsActive", "true").Body(new JsonObject { ["certificateSigningRequest"] = certificateSigningRequestPem }).Build(), ct);
        return new IotCertificate(Text(result, "certificateId"), Text(result, "certificateArn"), Text(result, "certificatePem"));
    }

    public async Task<IotKeysAndCertificate> CreateKeysAndCertificateAsync(CancellationToken ct)
    {
        var result = await SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Post, "/keys-and-certificate")
            .Query("setAsActive", "true").Build(), ct);
        var keys = result["keyPair"] as JsonObject ?? throw Unreadable("keyPair");
        return new IotKeysAndCertificate(
            Text(result, "certificateId"), Text(result, "certificateArn"), Text(result, "certificatePem"), Text(keys, "PrivateKey"));
    }

    public Task AttachPolicyAsync(string policyName, string target, CancellationToken ct) =>
        SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Put, "/target-policies/{policyName}")
            .Label("policyName", policyName).Body(new JsonObject { ["target"] = target }).Build().MarkIdempotent(), ct);

    public Task DetachPolicyAsync(string policyName, string target, CancellationToken ct) =>
        SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Post, "/target-policies/{policyName}")
            .Label("policyName", policyName).Body(new JsonObject { ["target"] = target }).Build().MarkIdempotent(), ct);

    public Task AttachThingPrincipalAsync(string thingName, string principal, CancellationToken ct) =>
        SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Put, "/things/{thingName}/principals")
            .Label("thingName", thingName).Header(PrincipalHeader, principal).Build().MarkIdempotent(), ct);

    public Task DetachThingPrincipalAsync(string thingName, string principal, CancellationToken ct) =>
        SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Delete, "/things/{thingName}/principals")
            .Label("thingName", thingName).Header(PrincipalHeader, principal).Build().MarkIdempotent(), ct);

    public async Task<IReadOnlyList<string>> ListThingPrincipalsAsync(string thingName, CancellationToken ct)
    {
        var principals = new List<string>();
        string? next = null;
        do
        {
            var page = await SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Get, "/things/{thingName}/principals")
                .Label("thingName", thingName).Query("nextToken", next).Build().MarkIdempotent(), ct);
            principals.AddRange((page["principals"] as JsonArray ?? []).Select(p => p!.GetValue<string>()));
            next = page["nextToken"]?.GetValue<string>();
        }
        while (next is not null);

        return principals;
    }

    /// <summary>Sets a certificate's status: REVOKED refuses it at the broker from then on.</summary>
    public Task UpdateCertificateAsync(string certificateId, string newStatus, CancellationToken ct) =>
        SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Put, "/certificates/{certificateId}")
            .Label("certificateId", certificateId).Query("newStatus", newStatus).Build().MarkIdempotent(), ct);

    /// <summary>Deletes the thing; a thing that does not exist (any more) is not an error to IoT Core.</summary>
    public Task DeleteThingAsync(string thingName, CancellationToken ct) =>
        SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Delete, "/things/{thingName}")
            .Label("thingName", thingName).Build().MarkIdempotent(), ct);

    /// <summary>The account's device data endpoint; <c>iot:Data-ATS</c> is the one whose certificate chains to Amazon's roots.</summary>
    public async Task<string> DescribeEndpointAsync(string endpointType, CancellationToken ct) =>
        Text(await SendAsync(AwsRestJsonProtocol.Request(HttpMethod.Get, "/endpoint")
            .Query("endpointType", endpointType).Build().MarkIdempotent(), ct), "endpointAddress");

    private const string PrincipalHeader = "x-amzn-principal";

    private async Task<JsonObject> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            return await AwsRestJsonProtocol.SendAsync(http, request, IotErrors.From, ct);
        }
    }

    private static string Text(JsonObject result, string name) =>
        result[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Unreadable(name);

    private static IotException Unreadable(string member) =>
        new IotServiceException(new AwsError("UnreadableResponse", $"IoT answered without {member}", 200, null));
}
