using System.Text.Json.Nodes;
using Valmetal.TestSupport;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// The custom resource that sets the account's SMS settings (Valmetal.Cdk/CustomResources/sms-settings.mjs), run by
/// tests/aws-parity/sms-settings.mjs with AWS's own SNS client against a capture server: the calls as AWS's SDK puts
/// them on the wire. That SNS takes them in a real account (and the spending quota allows the cap) is verified by AWS only.
/// </summary>
public sealed class SmsSettingsHandlerTests
{
    [Fact]
    public async Task Create_sets_transactional_sms_and_the_monthly_cap_and_delete_leaves_the_account_as_it_is()
    {
        var calls = await RunAsync(refuse: false);

        Assert.Equal(["POST /", "PUT /cloudformation", "PUT /cloudformation"], calls.Select(c => $"{c["method"]} {c["path"]}"));
        var form = System.Web.HttpUtility.ParseQueryString((string)calls[0]["body"]!);
        Assert.Equal("SetSMSAttributes", form["Action"]);
        var attributes = Enumerable.Range(1, 2).ToDictionary(i => form[$"attributes.entry.{i}.key"]!, i => form[$"attributes.entry.{i}.value"]);
        Assert.Equal(new Dictionary<string, string?> { ["DefaultSMSType"] = "Transactional", ["MonthlySpendLimit"] = "50" }, attributes);
        Assert.All(calls.Skip(1).Select(Body), response =>
        {
            Assert.Equal("SUCCESS", (string?)response["Status"]);
            Assert.Equal("valmetal-prod-sms-settings", (string?)response["PhysicalResourceId"]);
        });
    }

    [Fact]
    public async Task A_cap_sns_refuses_fails_the_deploy_with_its_reason()
    {
        var calls = await RunAsync(refuse: true);

        var created = Body(calls[1]);
        Assert.Equal("FAILED", (string?)created["Status"]);
        Assert.Contains("MonthlySpendLimit", (string?)created["Reason"], StringComparison.Ordinal);
    }

    private static async Task<List<JsonObject>> RunAsync(bool refuse) =>
        [.. JsonNode.Parse(await NodeScript.RunAsync("sms-settings.mjs", $$"""{"refuse":{{(refuse ? "true" : "false")}}}"""))!
            .AsArray().Select(c => c!.AsObject())];

    private static JsonObject Body(JsonObject call) => JsonNode.Parse((string)call["body"]!)!.AsObject();
}
