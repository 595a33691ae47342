using System.Text.Json.Nodes;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// Backend and web client in separate stacks: a web release deploys the web stack alone and never changes the
/// backend; the web takes the fewest, most stable values from the backend.
/// </summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class StackTests(SynthesizedApp app)
{
    [Fact]
    public void Each_environment_has_a_registry_a_backend_and_a_web_stack()
    {
        Assert.Equal(
            ValmetalApp.Environments.SelectMany(e => new[] { $"valmetal-{e}-registry", $"valmetal-{e}-backend", $"valmetal-{e}-web" }).Order(),
            app.StackNames.Order());
    }

    [Fact]
    public void The_web_stack_holds_the_web_tier_and_nothing_that_keeps_data()
    {
        var web = app.ProdWebJson.AllResources().Select(r => r.Type).ToHashSet();
        Assert.Equal([TemplateJson.Family("web-client")], app.ProdWebJson.Resources("AWS::ECS::Service").Select(s => (string?)s.Properties["ServiceName"]));
        Assert.Contains("AWS::ElasticLoadBalancingV2::LoadBalancer", web);
        Assert.Contains("AWS::WAFv2::WebACL", web);
        Assert.DoesNotContain(web, t => t.StartsWith("AWS::RDS::", StringComparison.Ordinal) || t.StartsWith("AWS::DynamoDB::", StringComparison.Ordinal)
            || t.StartsWith("AWS::Cognito::", StringComparison.Ordinal) || t.StartsWith("AWS::IoT::", StringComparison.Ordinal)
            || t.StartsWith("AWS::EC2::VPC", StringComparison.Ordinal) || t == "AWS::SecretsManager::Secret");
        Assert.Equal(
            [TemplateJson.Family("backend-api"), TemplateJson.Family("notifier"), TemplateJson.Family("telemetry")],
            app.ProdBackendJson.Resources("AWS::ECS::Service").Select(s => (string?)s.Properties["ServiceName"]).Order());
    }

    [Fact]
    public void The_web_stack_imports_only_the_network_and_the_user_pool_ids_from_the_backend()
    {
        var exports = app.ProdBackendJson.Exports();
        var imported = Imports(app.ProdWebJson.AllResources().Select(r => (JsonNode)r.Properties)).Distinct().ToList();
        Assert.NotEmpty(imported);
        var types = imported.Select(name => (string?)app.ProdBackendJson.Resource(exports[name])["Type"]).ToHashSet();
        Assert.Subset(new HashSet<string?> { "AWS::EC2::Subnet", "AWS::EC2::VPC", "AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient" }, types);
    }

    [Fact]
    public void The_backend_stack_takes_nothing_from_the_web_stack()
    {
        Assert.Empty(Imports(app.ProdBackendJson.AllResources().Select(r => (JsonNode)r.Properties)));
    }

    private static IEnumerable<string> Imports(IEnumerable<JsonNode> nodes) => nodes.SelectMany(node => node switch
    {
        JsonObject o when o["Fn::ImportValue"] is JsonValue name => [(string)name!],
        JsonObject o => Imports(o.Select(p => p.Value).OfType<JsonNode>()),
        JsonArray a => Imports(a.OfType<JsonNode>()),
        _ => [],
    });
}
