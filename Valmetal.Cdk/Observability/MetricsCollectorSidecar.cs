using Amazon.CDK;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Observability;

/// <summary>
/// An AWS Distro for OpenTelemetry collector next to every service container: ServiceDefaults exports OTLP as soon
/// as OTEL_EXPORTER_OTLP_ENDPOINT is set (set here, with the sidecar it points at), and the collector turns the
/// services' own metrics (<c>valmetal.*</c>, such as the ingest-lag alarm's queue depth) into CloudWatch metrics
/// through embedded metric format log events, traces into X-Ray segments and logs into CloudWatch Logs.
/// </summary>
public sealed class MetricsCollectorSidecar : Construct
{
    /// <summary>Pinned: a collector upgrade is a reviewed change, like any other image.</summary>
    public const string Image = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3";

    public const string OtlpEndpoint = "http://127.0.0.1:4317";

    public string MetricNamespace { get; }

    /// <summary>One namespace per service (Valmetal/prod/Telemetry): alarms and the dashboard name it before it exists.</summary>
    public static string NamespaceFor(DeploymentSettings settings, ServiceKind service) => $"Valmetal/{settings.EnvironmentName}/{service}";

    public MetricsCollectorSidecar(Construct scope, string id, DeploymentSettings settings, ServiceKind service,
        FargateTaskDefinition task, ContainerDefinition app)
        : base(scope, id)
    {
        MetricNamespace = NamespaceFor(settings, service);
        var logGroup = ServiceLogGroup.Create(this, "Logs", settings, $"{service.Slug()}-collector");

        var collector = task.AddContainer("Collector", new ContainerDefinitionOptions
        {
            ContainerName = "otel-collector",
            Image = ContainerImage.FromRegistry(Image),
            // The image's own unprivileged user (aoc).
            User = "10001",
            ReadonlyRootFilesystem = true,
            Essential = false,
            Cpu = 128,
            MemoryReservationMiB = 128,
            Environment = new Dictionary<string, string> { ["AOT_CONFIG_CONTENT"] = Configuration(logGroup.LogGroupName) },
            Command = ["--config=env:AOT_CONFIG_CONTENT"],
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
            {
                Command = ["CMD", "/healthcheck"],
                Interval = Duration.Seconds(30),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(15),
            },
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { StreamPrefix = "collector", LogGroup = logGroup }),
        });
        app.AddContainerDependencies(new ContainerDependency { Container = collector, Condition = ContainerDependencyCondition.START });
        app.AddEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", OtlpEndpoint);
        app.AddEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        // X-Ray and the metrics' resource attributes name the service and environment, not "unknown_service".
        app.AddEnvironment("OTEL_SERVICE_NAME", service.Slug());
        app.AddEnvironment("OTEL_RESOURCE_ATTRIBUTES", $"deployment.environment={settings.EnvironmentName}");

        // The awsemf exporter publishes metrics as log events (CloudWatch extracts them), so the collector needs
        // its log group, not cloudwatch:PutMetricData; X-Ray takes the traces.
        logGroup.GrantWrite(task.TaskRole);
        task.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            // X-Ray has no resource-level permissions for these actions: "*" is the only resource it accepts.
            Resources = ["*"],
        }));
    }

    private string Configuration(string logGroupName) => $$"""
        extensions:
          health_check:
        receivers:
          otlp:
            protocols:
              grpc:
                endpoint: 127.0.0.1:4317
        processors:
          batch:
            timeout: 30s
        exporters:
          awsemf:
            namespace: {{MetricNamespace}}
            log_group_name: {{logGroupName}}
            log_stream_name: metrics
            dimension_rollup_option: NoDimensionRollup
            metric_declarations:
              - dimensions: [[]]
                metric_name_selectors: ["^valmetal\\."]
          awsxray:
          awscloudwatchlogs:
            log_group_name: {{logGroupName}}
            log_stream_name: otel-logs
        service:
          extensions: [health_check]
          pipelines:
            metrics: { receivers: [otlp], processors: [batch], exporters: [awsemf] }
            traces: { receivers: [otlp], processors: [batch], exporters: [awsxray] }
            logs: { receivers: [otlp], processors: [batch], exporters: [awscloudwatchlogs] }
        """;
}
