using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Valmetal.IotCoreFake.Registry;

namespace Valmetal.IotCoreFake;

/// <summary>
/// The routes of IoT's REST-JSON operations the API's IotClient sends (the IoT API reference's request syntax), and
/// answers shaped as documented there. Anything else is refused by name, so a request the fake does not know fails
/// the test that sent it instead of passing on a default.
/// </summary>
public static class IotEndpoints
{
    private const string PrincipalHeader = "x-amzn-principal";

    public static void MapIotEndpoints(this WebApplication host)
    {
        var app = host.MapGroup(string.Empty).AddEndpointFilter<SignedRequests>();
        app.MapPost("/things/{thingName}", (string thingName, JsonObject? body, IotRegistry registry) =>
        {
            var attributes = (body?["attributePayload"]?["attributes"] as JsonObject ?? [])
                .ToDictionary(a => a.Key, a => a.Value?.GetValue<string>() ?? string.Empty, StringComparer.Ordinal);
            var (name, arn, id) = registry.CreateThing(thingName, body?["thingTypeName"]?.GetValue<string>(), attributes);
            return Results.Json(new { thingName = name, thingArn = arn, thingId = id });
        });
        app.MapDelete("/things/{thingName}", (string thingName, IotRegistry registry) =>
        {
            registry.DeleteThing(thingName);
            return Results.Json(new { });
        });
        app.MapPost("/certificates", (JsonObject body, IotRegistry registry, [FromQuery] bool setAsActive = false) =>
        {
            var csr = body["certificateSigningRequest"]?.GetValue<string>()
                ?? throw IotFakeException.InvalidRequest("certificateSigningRequest is required");
            var (id, certificate) = registry.CreateCertificateFromCsr(csr, setAsActive);
            return Results.Json(new { certificateArn = certificate.Arn, certificateId = id, certificatePem = certificate.Pem });
        });
        app.MapPut("/certificates/{certificateId}", (string certificateId, [FromQuery] string newStatus, IotRegistry registry) =>
        {
            registry.UpdateCertificate(certificateId, newStatus);
            return Results.Json(new { });
        });
        app.MapPut("/target-policies/{policyName}", (string policyName, JsonObject body, IotRegistry registry) =>
        {
            registry.AttachPolicy(policyName, Target(body));
            return Results.Json(new { });
        });
        app.MapPost("/target-policies/{policyName}", (string policyName, JsonObject body, IotRegistry registry) =>
        {
            registry.DetachPolicy(policyName, Target(body));
            return Results.Json(new { });
        });
        app.MapPut("/things/{thingName}/principals", (string thingName, HttpRequest request, IotRegistry registry) =>
        {
            registry.AttachThingPrincipal(thingName, Principal(request));
            return Results.Json(new { });
        });
        app.MapDelete("/things/{thingName}/principals", (string thingName, HttpRequest request, IotRegistry registry) =>
        {
            registry.DetachThingPrincipal(thingName, Principal(request));
            return Results.Json(new { });
        });
        // One page: the fake holds a handful of principals per thing, fewer than IoT's page size.
        app.MapGet("/things/{thingName}/principals", (string thingName, IotRegistry registry) =>
            Results.Json(new { principals = registry.ListThingPrincipals(thingName) }));
        app.MapGet("/endpoint", ([FromQuery] string? endpointType, IotRegistry registry) => endpointType is null or "iot:Data-ATS"
            ? Results.Json(new { endpointAddress = registry.EndpointAddress })
            : throw IotFakeException.InvalidRequest($"The fake serves iot:Data-ATS only, not {endpointType}"));
        host.MapFallback((HttpContext http) =>
            new IotFakeException(StatusCodes.Status400BadRequest, "UnknownOperationException", "This operation is not one the fake implements").ToResult(http));
    }

    private static string Target(JsonObject body) =>
        body["target"]?.GetValue<string>() ?? throw IotFakeException.InvalidRequest("target is required");

    private static string Principal(HttpRequest request) =>
        request.Headers[PrincipalHeader].FirstOrDefault() ?? throw IotFakeException.InvalidRequest($"The {PrincipalHeader} header is required");
}
