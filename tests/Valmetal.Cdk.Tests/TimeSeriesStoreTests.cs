using System.Text.Json.Nodes;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// The time-series store follows the environment's context: staging (here) selects Timestream, prod keeps PostgreSQL.
/// With Timestream the telemetry service may write and the API read the one table, and both are told where it is.
/// </summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class TimeSeriesStoreTests(SynthesizedApp app)
{
    private const string Staging = "valmetal-staging-";

    [Fact]
    public void Timestream_gets_a_table_that_keeps_points_as_far_back_as_history_reaches_and_takes_late_ones()
    {
        Assert.Single(app.StagingBackendJson.Resources("AWS::Timestream::Database"));
        var table = Assert.Single(app.StagingBackendJson.Resources("AWS::Timestream::Table")).Properties;

        Assert.Equal("24", (string?)table["RetentionProperties"]!["MemoryStoreRetentionPeriodInHours"]);
        Assert.Equal("400", (string?)table["RetentionProperties"]!["MagneticStoreRetentionPeriodInDays"]);
        Assert.True((bool)table["MagneticStoreWriteProperties"]!["EnableMagneticStoreWrites"]!);
        Assert.Empty(app.ProdBackendJson.Resources("AWS::Timestream::Database"));
        Assert.Empty(app.ProdBackendJson.Resources("AWS::Timestream::Table"));
    }

    [Theory]
    [InlineData("telemetry", "timestream:WriteRecords")]
    [InlineData("backend-api", "timestream:Select")]
    public void Each_service_holds_exactly_its_action_on_the_table_and_endpoint_discovery(string service, string action)
    {
        var table = Assert.Single(app.StagingBackendJson.Resources("AWS::Timestream::Table")).Id;

        var grants = TimestreamGrants(app.StagingBackendJson, TaskRole(app.StagingBackendJson, Staging + service));

        Assert.Equal([("timestream:DescribeEndpoints", "*"), (action, table)], grants.Order());
    }

    [Fact]
    public void Without_Timestream_no_role_holds_a_timestream_action()
    {
        var roles = app.ProdJson.Resources("AWS::IAM::Role").Select(r => r.Id).ToList();

        Assert.NotEmpty(roles);
        Assert.All(roles, role => Assert.Empty(TimestreamGrants(app.ProdJson, role)));
    }

    [Theory]
    [InlineData("telemetry")]
    [InlineData("backend-api")]
    public void Both_services_are_told_the_store_its_database_table_and_region(string service)
    {
        var staging = Environment(app.StagingBackendJson, Staging + service);
        var prod = Environment(app.ProdJson, TemplateJson.Family(service));

        Assert.Equal("Timestream", staging["TimeSeries__Store"]);
        Assert.Equal("valmetal-staging-telemetry", staging["TimeSeries__TimestreamDatabase"]);
        Assert.Equal("points", staging["TimeSeries__TimestreamTable"]);
        Assert.Equal("ca-central-1", staging["Aws__Region"]);
        Assert.False(prod.ContainsKey("TimeSeries__Store"), "PostgreSQL is the services' default; prod says nothing");
    }

    private static Dictionary<string, string> Environment(TemplateJson template, string family) =>
        template.TaskDefinition(family)["ContainerDefinitions"]![0]!["Environment"]!.AsArray()
            .ToDictionary(e => (string)e!["Name"]!, e => e!["Value"] is JsonValue v ? v.GetValue<string>() : e!["Value"]!.ToJsonString());

    private static string TaskRole(TemplateJson template, string family) => TemplateJson.Target(template.TaskDefinition(family)["TaskRoleArn"])!;

    /// <summary>Each timestream: action the role's policies allow, with its resource (a logical id for a reference).</summary>
    private static List<(string Action, string Resource)> TimestreamGrants(TemplateJson template, string role) =>
        [.. template.Resources("AWS::IAM::Policy")
            .Where(p => p.Properties["Roles"]!.AsArray().Any(r => TemplateJson.Target(r) == role))
            .SelectMany(p => p.Properties["PolicyDocument"]!["Statement"]!.AsArray())
            .SelectMany(s => List(s!["Action"]).Select(a => a.GetValue<string>())
                .Where(a => a.StartsWith("timestream:", StringComparison.Ordinal))
                .SelectMany(a => List(s["Resource"]).Select(r => (a, TemplateJson.Target(r) ?? (r is JsonValue v ? v.GetValue<string>() : r.ToJsonString())))))];

    private static IEnumerable<JsonNode> List(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n!),
        null => [],
        _ => [node],
    };
}
