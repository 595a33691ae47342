using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Valmetal.DeviceContract.Catalogue;

namespace Valmetal.Cdk.Tests;

[Collection(SynthesizedAppCollection.Name)]
public sealed class IdentityAndIotTests(SynthesizedApp app)
{
    [Fact]
    public void The_user_pool_has_the_three_role_groups_and_the_web_apps_client()
    {
        var groups = app.ProdJson.Resources("AWS::Cognito::UserPoolGroup").Select(g => (string?)g.Properties["GroupName"]).Order();
        Assert.Equal(["admins", "farmers", "technicians"], groups);
        app.Prod.HasResourceProperties("AWS::Cognito::UserPoolClient", new Dictionary<string, object>
        {
            ["ClientName"] = "valmetal-prod-web-client",
            ["GenerateSecret"] = false,
            ["ExplicitAuthFlows"] = Match.ArrayWith(["ALLOW_USER_PASSWORD_AUTH"]),
        });
        app.Prod.ResourceCountIs("AWS::Cognito::UserPoolClient", 1);
    }

    [Fact]
    public void There_is_a_thing_type_per_equipment_model_family()
    {
        var types = app.ProdJson.Resources("AWS::IoT::ThingType").Select(t => (string?)t.Properties["ThingTypeName"]).Order();
        Assert.Equal(
            new[] { "conveyor", "feed-cart", "feed-mixer", "manure-scraper", "silo-unloader" }.Select(t => $"valmetal-prod-{t}"),
            types);
    }

    [Fact]
    public void The_api_registers_devices_with_the_device_policy_and_the_thing_types_this_stack_creates()
    {
        var environment = app.ProdJson.TaskDefinition(TemplateJson.Family("backend-api"))["ContainerDefinitions"]![0]!["Environment"]!.AsArray();
        string? Value(string name) => (string?)environment.Single(e => (string?)e!["Name"] == name)!["Value"];

        Assert.Equal("IotCore", Value("DeviceRegistry__Kind"));
        Assert.Equal("https://iot.ca-central-1.amazonaws.com", Value("DeviceRegistry__ServiceUrl"));
        Assert.Contains(Value("DeviceRegistry__PolicyName"), app.ProdJson.Resources("AWS::IoT::Policy").Select(p => (string?)p.Properties["PolicyName"]));
        Assert.Equal(
            ThingTypes.All(Value("DeviceRegistry__ThingTypePrefix")!).Order(StringComparer.Ordinal),
            app.ProdJson.Resources("AWS::IoT::ThingType").Select(t => (string?)t.Properties["ThingTypeName"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_device_connects_only_as_its_own_thing_and_uses_only_its_own_topics()
    {
        var statements = Policy("valmetal-prod-device");
        foreach (var statement in statements)
        {
            Assert.All(Resources(statement), r => Assert.Contains("${iot:Connection.Thing.ThingName}", r, StringComparison.Ordinal));
        }

        var connect = statements.Single(s => (string?)s["Action"] == "iot:Connect");
        Assert.Equal("true", (string?)connect["Condition"]!["Bool"]!["iot:Connection.Thing.IsAttached"]);
        Assert.Contains(Resources(statements.Single(s => (string?)s["Action"] == "iot:Subscribe")),
            r => r.EndsWith("topicfilter/cmd/valmetal/${iot:Connection.Thing.ThingName}/req/+", StringComparison.Ordinal));
    }

    [Fact]
    public void Telemetry_subscribes_through_the_shared_subscription_group()
    {
        var subscribe = Policy("valmetal-prod-telemetry-broker").Single(s => (string?)s["Action"] == "iot:Subscribe");
        var filters = Resources(subscribe);
        Assert.Equal(5, filters.Count);
        Assert.All(filters, f => Assert.Contains("topicfilter/$share/telemetry/", f, StringComparison.Ordinal));
    }

    [Fact]
    public void The_api_may_publish_commands_and_live_updates_but_not_device_data()
    {
        var publish = Resources(Policy("valmetal-prod-backend-api-broker").Single(s => (string?)s["Action"] == "iot:Publish"));
        Assert.All(publish, t => Assert.True(
            t.Contains(":topic/cmd/valmetal/", StringComparison.Ordinal) || t.EndsWith(":topic/app/valmetal/live/*", StringComparison.Ordinal), t));
    }

    [Fact]
    public void Iot_core_logging_is_on()
    {
        var logging = Assert.Single(app.ProdJson.Resources("AWS::IoT::Logging"));
        Assert.Equal("WARN", (string?)logging.Properties["DefaultLogLevel"]);
    }

    private List<JsonObject> Policy(string name) =>
        [.. app.ProdJson.Resources("AWS::IoT::Policy").Single(p => (string?)p.Properties["PolicyName"] == name)
            .Properties["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject())];

    private static List<string> Resources(JsonObject statement) => [.. statement["Resource"]!.AsArray().Select(r => TemplateJson.JoinedText(r!))];
}
