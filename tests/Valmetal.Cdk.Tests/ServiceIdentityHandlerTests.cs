using System.Text.Json.Nodes;
using Valmetal.TestSupport;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// The custom resource that makes the services' certificates (Valmetal.Cdk/CustomResources/service-identity.mjs), run by
/// tests/aws-parity/service-identity.mjs with AWS's own IoT and Secrets Manager clients against a capture server:
/// the calls as AWS's SDK puts them on the wire, in order. Its first run in a real account is verified by AWS only.
/// </summary>
public sealed class ServiceIdentityHandlerTests
{
    private const string Policy = "valmetal-prod-telemetry-broker";
    private const string Certificate = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Create_makes_an_active_certificate_attaches_the_policy_and_stores_both_pems()
    {
        var calls = await RunAsync(secretFails: false);

        Assert.Equal(
            [
                "POST /keys-and-certificate?setAsActive=true", $"PUT /target-policies/{Policy}", "POST / secretsmanager.PutSecretValue", "PUT /cloudformation",
                $"POST /target-policies/{Policy}", $"PUT /certificates/{Certificate}?newStatus=INACTIVE", $"DELETE /certificates/{Certificate}?forceDelete=true", "PUT /cloudformation",
            ],
            calls.Select(Describe));
        var stored = JsonNode.Parse((string)Body(calls[2])["SecretString"]!)!;
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", (string?)stored["certificatePem"], StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", (string?)stored["privateKeyPem"], StringComparison.Ordinal);
        Assert.EndsWith($"cert/{Certificate}", (string?)Body(calls[1])["target"], StringComparison.Ordinal);

        var created = Body(calls[3]);
        Assert.Equal("SUCCESS", (string?)created["Status"]);
        Assert.EndsWith($"cert/{Certificate}", (string?)created["PhysicalResourceId"], StringComparison.Ordinal);
        Assert.Equal("SUCCESS", (string?)Body(calls[7])["Status"]);
    }

    [Fact]
    public async Task A_create_that_cannot_store_the_key_leaves_no_certificate_behind_and_fails_the_deploy()
    {
        var calls = await RunAsync(secretFails: true);

        Assert.Equal(
            [
                "POST /keys-and-certificate?setAsActive=true", $"PUT /target-policies/{Policy}", "POST / secretsmanager.PutSecretValue",
                $"POST /target-policies/{Policy}", $"PUT /certificates/{Certificate}?newStatus=INACTIVE", $"DELETE /certificates/{Certificate}?forceDelete=true", "PUT /cloudformation",
            ],
            calls.Select(Describe));
        var response = Body(calls[^1]);
        Assert.Equal("FAILED", (string?)response["Status"]);
        Assert.Contains("AccessDeniedException", (string?)response["Reason"], StringComparison.Ordinal);
    }

    private static async Task<List<JsonObject>> RunAsync(bool secretFails) =>
        [.. JsonNode.Parse(await NodeScript.RunAsync("service-identity.mjs", $$"""{"secretFails":{{(secretFails ? "true" : "false")}}}"""))!
            .AsArray().Select(c => c!.AsObject())];

    private static string Describe(JsonObject call) =>
        $"{call["method"]} {call["path"]}" + (call["target"] is JsonValue target ? $" {target}" : "");

    private static JsonObject Body(JsonObject call) => JsonNode.Parse((string)call["body"]!)!.AsObject();
}
