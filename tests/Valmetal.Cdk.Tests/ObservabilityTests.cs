using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace Valmetal.Cdk.Tests;

/// <summary>Every service reports through its collector; every alarm pages; one dashboard shows the environment.</summary>
[Collection(SynthesizedAppCollection.Name)]
public sealed class ObservabilityTests(SynthesizedApp app)
{
    public static readonly TheoryData<string> Services = ["backend-api", "web-client", "telemetry", "notifier"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_service_runs_the_collector_sidecar_and_exports_otlp_to_it(string service)
    {
        var containers = app.ProdJson.TaskDefinition(TemplateJson.Family(service))["ContainerDefinitions"]!.AsArray();
        var collector = containers.Single(c => (string?)c!["Name"] == "otel-collector")!;
        Assert.StartsWith("public.ecr.aws/aws-observability/aws-otel-collector:v", (string?)collector["Image"], StringComparison.Ordinal);
        Assert.Equal("10001", (string?)collector["User"]);

        var application = containers.Single(c => (string?)c!["Name"] != "otel-collector")!;
        var environment = application["Environment"]!.AsArray().ToDictionary(e => (string)e!["Name"]!, e => e!["Value"] is JsonValue v ? v.GetValue<string>() : e!["Value"]!.ToJsonString());
        Assert.Equal("http://127.0.0.1:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal(service, environment["OTEL_SERVICE_NAME"]);
        Assert.Contains(application["DependsOn"]!.AsArray(), d => (string?)d!["ContainerName"] == "otel-collector");
    }

    [Fact]
    public void Every_alarm_pages_the_alarm_topic_when_it_fires_and_when_it_clears()
    {
        var topic = Assert.Single(app.ProdBackendJson.Resources("AWS::SNS::Topic"));
        Assert.Equal("valmetal-prod-alarms", (string?)topic.Properties["TopicName"]);
        Assert.Empty(app.ProdWebJson.Resources("AWS::SNS::Topic"));

        var alarms = app.ProdJson.Resources("AWS::CloudWatch::Alarm").ToList();
        Assert.True(alarms.Count >= 14, $"{alarms.Count} alarms");
        foreach (var (id, alarm) in alarms)
        {
            foreach (var actions in new[] { "AlarmActions", "OKActions" })
            {
                var action = Assert.Single(alarm[actions]!.AsArray());
                // The backend refers to its topic; the web stack to the same topic by its fixed ARN (no export).
                Assert.True(TemplateJson.Target(action) == topic.Id
                    || action!.ToJsonString().Contains(":sns:ca-central-1:333333333333:valmetal-prod-alarms", StringComparison.Ordinal),
                    $"{id} {actions}: {action!.ToJsonString()}");
            }
        }
    }

    [Fact]
    public void The_alarm_topic_takes_its_subscribers_from_context_and_may_have_none()
    {
        app.Prod.ResourceCountIs("AWS::SNS::Subscription", 0);
        var subscriptions = app.StagingBackendJson.Resources("AWS::SNS::Subscription")
            .Select(s => ((string?)s.Properties["Protocol"], (string?)s.Properties["Endpoint"])).Order();
        Assert.Equal([("email", "oncall@valmetal.example"), ("email", "ops@valmetal.example")], subscriptions);
    }

    [Theory]
    [InlineData("valmetal-prod-iot-connect-auth-errors", "Connect.AuthError")]
    [InlineData("valmetal-prod-iot-connect-throttles", "Connect.Throttle")]
    [InlineData("valmetal-prod-iot-publish-throttles", "PublishIn.Throttle")]
    public void Iot_core_refusals_and_throttles_raise_alarms(string name, string metric)
    {
        app.Prod.HasResourceProperties("AWS::CloudWatch::Alarm", new Dictionary<string, object>
        {
            ["AlarmName"] = name,
            ["Namespace"] = "AWS/IoT",
            ["MetricName"] = metric,
            ["Dimensions"] = new[] { new Dictionary<string, object> { ["Name"] = "Protocol", ["Value"] = "MQTT" } },
            ["Statistic"] = "Sum",
        });
    }

    [Fact]
    public void Deployment_alarms_are_ordinary_alarms_that_keep_paging_after_the_deployment()
    {
        var paging = app.ProdJson.Resources("AWS::CloudWatch::Alarm")
            .Where(a => a.Properties["AlarmActions"] is JsonArray { Count: > 0 })
            .Select(a => (string?)a.Properties["AlarmName"]).ToHashSet();
        foreach (var (id, service) in app.ProdJson.Resources("AWS::ECS::Service"))
        {
            var watched = service["DeploymentConfiguration"]!["Alarms"]!["AlarmNames"]!.AsArray().Select(n => (string?)n);
            Assert.All(watched, name => Assert.Contains(name, paging));
        }
    }

    [Fact]
    public void One_dashboard_shows_ingestion_http_errors_latency_the_fleet_and_both_stores()
    {
        var dashboard = Assert.Single(app.ProdJson.Resources("AWS::CloudWatch::Dashboard")).Properties;
        Assert.Equal("valmetal-prod-operations", (string?)dashboard["DashboardName"]);
        var body = dashboard["DashboardBody"]!.ToJsonString();
        string[] expected =
        [
            // Valmetal.Telemetry's TelemetryMetrics, as the collector publishes them (namespace per service).
            "Valmetal/prod/Telemetry", "valmetal.telemetry.messages", "valmetal.telemetry.queue_depth", "valmetal.telemetry.rejections",
            // API latency and 5xx from its load balancer; the web's 5xx found by its load balancer's name.
            "TargetResponseTime", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "valmetal-prod-web-client",
            "AWS/IoT", "Connect.Success", "PublishIn.Success",
            "AWS/RDS", "FreeStorageSpace", "DatabaseConnections", "AWS/DynamoDB", "WriteThrottleEvents",
        ];
        Assert.All(expected, e => Assert.Contains(e, body, StringComparison.Ordinal));
    }
}
