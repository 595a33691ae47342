using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.RDS;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Observability;

/// <summary>
/// One dashboard per environment (<c>valmetal-{env}-operations</c>): ingestion, the API and web tiers, the fleet's
/// connections and the two stores. Ingestion uses the metrics Valmetal.Telemetry emits (TelemetryMetrics, through the
/// collector sidecar: names unchanged, no dimensions); HTTP uses the load balancers' metrics. It lives in the backend
/// stack, so the web tier is found by a search on its load balancer's fixed name instead of a reference to the web
/// stack, which depends on this one.
/// </summary>
public sealed class OperationsDashboardConstruct : Construct
{
    private static readonly Duration Period = Duration.Minutes(1);

    public OperationsDashboardConstruct(Construct scope, string id, DeploymentSettings settings, OperationsDashboardSources sources)
        : base(scope, id)
    {
        var names = new ResourceNames(settings.EnvironmentName);
        var telemetry = MetricsCollectorSidecar.NamespaceFor(settings, ServiceKind.Telemetry);
        var webBalancer = names.Family(ServiceKind.WebClient);

        var dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            DashboardName = names.Of("operations"),
            DefaultInterval = Duration.Hours(3),
        });
        dashboard.AddWidgets(
            Graph("Ingest rate (device messages / min)", Own(telemetry, "valmetal.telemetry.messages", "Sum", "messages"),
                Own(telemetry, "valmetal.telemetry.points_stored", "Sum", "points stored")),
            Graph("Ingest lag (messages waiting to be stored)", Own(telemetry, "valmetal.telemetry.queue_depth", "Maximum", "queue depth")),
            Graph("Rejections and duplicates / min", Own(telemetry, "valmetal.telemetry.rejections", "Sum", "rejected"),
                Own(telemetry, "valmetal.telemetry.duplicate_messages", "Sum", "duplicates")));
        dashboard.AddWidgets(
            Graph("API latency (s)",
                sources.ApiTargets.Metrics.TargetResponseTime(new MetricOptions { Statistic = "p50", Period = Period, Label = "p50" }),
                sources.ApiTargets.Metrics.TargetResponseTime(new MetricOptions { Statistic = "p99", Period = Period, Label = "p99" })),
            Graph("API 5xx / min",
                sources.ApiTargets.Metrics.HttpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, new MetricOptions { Statistic = "Sum", Period = Period, Label = "from the API" }),
                sources.ApiLoadBalancer.Metrics.HttpCodeElb(HttpCodeElb.ELB_5XX_COUNT, new MetricOptions { Statistic = "Sum", Period = Period, Label = "from the load balancer" })),
            Graph("Web 5xx / min",
                Search(webBalancer, "HTTPCode_Target_5XX_Count", "from the web app"),
                Search(webBalancer, "HTTPCode_ELB_5XX_Count", "from the load balancer")));
        dashboard.AddWidgets(
            // No service counts online devices yet (the presence table knows, nothing exports it): successful
            // connects and inbound publishes per period are the fleet's pulse until a gauge exists.
            Graph("Devices (IoT Core, per 5 min)",
                Iot("Connect.Success", "connects"), Iot("PublishIn.Success", "publishes")),
            Graph("IoT Core errors and throttles (per 5 min)",
                Iot("Connect.AuthError", "connect refused by policy"), Iot("Connect.Throttle", "connects throttled"),
                Iot("PublishIn.Throttle", "publishes throttled")));
        dashboard.AddWidgets(
            Graph("PostgreSQL CPU (%) and connections",
                sources.Database.MetricCPUUtilization(new MetricOptions { Period = Period, Label = "CPU %" }),
                sources.Database.MetricDatabaseConnections(new MetricOptions { Period = Period, Label = "connections" })),
            Graph("PostgreSQL free storage and memory (bytes)",
                sources.Database.MetricFreeStorageSpace(new MetricOptions { Period = Period, Statistic = "Minimum", Label = "free storage" }),
                sources.Database.MetricFreeableMemory(new MetricOptions { Period = Period, Statistic = "Minimum", Label = "freeable memory" })),
            Graph("Device state table (DynamoDB)",
                sources.DeviceState.MetricConsumedReadCapacityUnits(new MetricOptions { Period = Period, Label = "read units" }),
                sources.DeviceState.MetricConsumedWriteCapacityUnits(new MetricOptions { Period = Period, Label = "write units" }),
                sources.DeviceState.Metric("ReadThrottleEvents", new MetricOptions { Statistic = "Sum", Period = Period, Label = "read throttles" }),
                sources.DeviceState.Metric("WriteThrottleEvents", new MetricOptions { Statistic = "Sum", Period = Period, Label = "write throttles" })));
    }

    private static GraphWidget Graph(string title, params IMetric[] metrics) => new(new GraphWidgetProps
    {
        Title = title,
        Left = metrics,
        Width = 8,
        Height = 6,
    });

    private static Metric Own(string metricNamespace, string name, string statistic, string label) => new(new MetricProps
    {
        Namespace = metricNamespace,
        MetricName = name,
        Statistic = statistic,
        Period = Period,
        Label = label,
    });

    private static Metric Iot(string name, string label) =>
        IotAlarmsConstruct.BrokerMetric(name).With(new MetricOptions { Label = label });

    /// <summary>The web load balancer's dimension is app/{name}/{generated id}: matched by its name, summed.</summary>
    private static MathExpression Search(string loadBalancerName, string metric, string label) => new(new MathExpressionProps
    {
        Expression = $"SEARCH('{{AWS/ApplicationELB,LoadBalancer}} MetricName=\"{metric}\" {loadBalancerName}', 'Sum', 60)",
        UsingMetrics = new Dictionary<string, IMetric>(),
        Label = label,
        Period = Period,
    });
}

/// <summary>The backend resources the dashboard graphs directly (the web tier is searched by name).</summary>
public sealed record OperationsDashboardSources(
    ApplicationTargetGroup ApiTargets,
    ApplicationLoadBalancer ApiLoadBalancer,
    IDatabaseInstance Database,
    ITable DeviceState);
