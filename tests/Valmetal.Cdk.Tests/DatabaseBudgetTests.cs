using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Valmetal.Cdk.Compute;
using Valmetal.Composition;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// RDS refuses connections past max_connections; a service scaled out past the budget would fail under load, not at
/// deploy. Read from the templates alone: every ECS service's pool times its most tasks at once (scaling maximum ×
/// deployment maximum percent), plus the migration task, with the reserve, fits the parameter group's limit.
/// </summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed partial class DatabaseBudgetTests(SynthesizedApp app)
{
    public static TheoryData<string> Environments => ["prod", "staging"];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_task_that_can_run_at_once_fits_the_databases_connection_limit(string environment)
    {
        var template = environment == "prod" ? app.ProdBackendJson : app.StagingBackendJson;
        var limit = int.Parse((string)Assert.Single(template.Resources("AWS::RDS::DBParameterGroup")).Properties["Parameters"]!["max_connections"]!,
            CultureInfo.InvariantCulture);

        var clients = template.Resources("AWS::ECS::Service").Select(service => Client(template, service)).Where(c => c.Pool > 0).ToList();
        var api = clients.Single(c => c.Service.EndsWith("-api", StringComparison.Ordinal));
        // The release's migrations: one task of the API's definition at a time.
        Assert.Single(template.Resources(StartupWorkConstruct.ResourceType));
        clients.Add(new DatabaseClient("migrations", 1, api.Pool));

        Assert.Equal(3 + 1, clients.Count); // the API, telemetry and the notifier use the database; the web app does not
        Assert.All(clients, c => Assert.True(c.Pool is > 0 and <= 50, $"{c.Service}: pool {c.Pool}"));
        var needed = DatabaseConnections.Needed(clients);
        Assert.True(needed <= limit, $"{needed} connections needed, {limit} allowed: " + string.Join(", ", clients));
    }

    [Fact]
    public void A_composition_whose_pools_exceed_the_limit_is_refused_with_the_arithmetic()
    {
        DatabaseClient[] clients = [new("api", 4, 20), new("telemetry", 2, 10)];

        DatabaseConnections.EnsureFits(4 * 20 + 2 * 10 + DatabaseConnections.Reserved, clients);
        var refused = Assert.Throws<InvalidOperationException>(() => DatabaseConnections.EnsureFits(100, clients));
        Assert.Contains("110 PostgreSQL connections (api 4 × 20, telemetry 2 × 10, 10 reserved)", refused.Message, StringComparison.Ordinal);
    }

    private static DatabaseClient Client(TemplateJson template, (string Id, JsonObject Properties) service)
    {
        var name = (string)service.Properties["ServiceName"]!;
        var definition = template.Resource(TemplateJson.Target(service.Properties["TaskDefinition"])!)["Properties"]!;
        var connection = definition["ContainerDefinitions"]!.AsArray()
            .SelectMany(c => c!["Environment"]?.AsArray() ?? [])
            .SingleOrDefault(e => (string?)e!["Name"] == "ConnectionStrings__valmetal");
        if (connection is null)
        {
            return new DatabaseClient(name, 0, 0);
        }

        var pool = PoolSize().Match(TemplateJson.JoinedText(connection["Value"]!));
        Assert.True(pool.Success, $"{name} connects without a pool size, so with Npgsql's default of 100");
        var scaling = template.Resources("AWS::ApplicationAutoScaling::ScalableTarget")
            .Single(t => t.Properties["ResourceId"]!.ToJsonString().Contains($"\"{service.Id}\"", StringComparison.Ordinal)).Properties;
        var maxPercent = (int)service.Properties["DeploymentConfiguration"]!["MaximumPercent"]!;
        var tasks = (int)scaling["MaxCapacity"]! * maxPercent / 100;
        return new DatabaseClient(name, tasks, int.Parse(pool.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"Maximum Pool Size=(\d+)")]
    private static partial Regex PoolSize();
}
