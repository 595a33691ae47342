using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace Valmetal.Cdk.Tests;

[Collection(SynthesizedAppCollection.Name)]
public sealed class TagAndRegistryTests(SynthesizedApp app)
{
    private static readonly Dictionary<string, string> ExpectedTags = new()
    {
        ["application"] = "valmetal-connect",
        ["environment"] = "prod",
        ["owner"] = "platform-team",
        ["git-sha"] = SynthesizedApp.GitSha,
    };

    [Theory]
    [InlineData("AWS::EC2::VPC")]
    [InlineData("AWS::ECS::Cluster")]
    [InlineData("AWS::ECS::Service")]
    [InlineData("AWS::ECS::TaskDefinition")]
    [InlineData("AWS::ElasticLoadBalancingV2::LoadBalancer")]
    [InlineData("AWS::RDS::DBInstance")]
    [InlineData("AWS::DynamoDB::Table")]
    [InlineData("AWS::S3::Bucket")]
    [InlineData("AWS::IAM::Role")]
    [InlineData("AWS::Logs::LogGroup")]
    [InlineData("AWS::CloudWatch::Alarm")]
    public void Resources_carry_application_environment_owner_and_git_sha_tags(string type)
    {
        var resources = app.ProdJson.Resources(type).ToList();
        Assert.NotEmpty(resources);
        Assert.All(resources, r => Assert.Equal(ExpectedTags, TagsOf(r.Properties).Where(t => ExpectedTags.ContainsKey(t.Key)).ToDictionary()));
    }

    [Fact]
    public void Every_resource_that_takes_a_tag_list_has_all_four_tags()
    {
        var tagged = app.ProdJson.AllResources().Where(r => r.Properties["Tags"] is JsonArray).ToList();
        Assert.True(tagged.Count > 30);
        Assert.All(tagged, r => Assert.Superset(ExpectedTags.Keys.ToHashSet(), TagsOf(r.Properties).Keys.ToHashSet()));
    }

    [Fact]
    public void Repositories_scan_on_push_and_keep_tags_immutable()
    {
        app.ProdRegistry.ResourcePropertiesCountIs("AWS::ECR::Repository", new Dictionary<string, object>
        {
            ["ImageScanningConfiguration"] = new Dictionary<string, object> { ["ScanOnPush"] = true },
            ["ImageTagMutability"] = "IMMUTABLE",
            ["RepositoryName"] = Match.StringLikeRegexp("^valmetal-prod/(backend-api|web-client|telemetry|notifier)$"),
        }, 4);
        app.ProdRegistry.ResourceCountIs("AWS::ECR::Repository", 4);
    }

    private static Dictionary<string, string> TagsOf(JsonObject properties) => properties["Tags"] switch
    {
        JsonArray list => list.ToDictionary(t => (string)t!["Key"]!, t => (string)t!["Value"]!),
        JsonObject map => map.ToDictionary(t => t.Key, t => (string)t.Value!),
        _ => [],
    };
}
