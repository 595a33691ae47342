using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.SNS;
using Constructs;
using Valmetal.Cdk.Compute;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Observability;

/// <summary>
/// The alarms ECS watches during a deployment and rolls back on. Names are fixed strings so the service can
/// name them before they exist, and CPU/memory metrics use the service's name rather than a reference to it.
/// They are ordinary alarms: besides rolling a deployment back, they page the alarm topic whenever they fire.
/// </summary>
public sealed class DeploymentAlarmsConstruct : Construct
{
    private readonly string _family;
    private readonly ITopic _topic;
    private readonly List<Alarm> _alarms = [];

    public DeploymentAlarmsConstruct(Construct scope, string id, DeploymentSettings settings, ServiceKind service, ITopic topic)
        : base(scope, id)
    {
        _family = new ResourceNames(settings.EnvironmentName).Family(service);
        _topic = topic;
        var cluster = ServiceCluster.NameOf(settings, service);

        Add("Cpu", "cpu", EcsMetric("CPUUtilization", cluster), threshold: 85, "CPU above 85% for 3 minutes");
        Add("Memory", "memory", EcsMetric("MemoryUtilization", cluster), threshold: 85, "Memory above 85% for 3 minutes");
    }

    public IReadOnlyList<Alarm> Alarms => _alarms;

    public IReadOnlyList<string> AlarmNames => [.. _alarms.Select(a => a.AlarmName)];

    /// <summary>Static names, known before the alarms are created (the service refers to them by name).</summary>
    public static IReadOnlyList<string> NamesFor(string family, bool publicService, bool ingests) =>
    [
        $"{family}-cpu",
        $"{family}-memory",
        .. publicService ? new[] { $"{family}-5xx-rate", $"{family}-unhealthy-targets" } : [],
        .. ingests ? new[] { $"{family}-ingest-lag" } : [],
    ];

    public void AddLoadBalancerAlarms(ApplicationTargetGroup targets)
    {
        var period = Duration.Minutes(1);
        var errors = new MathExpression(new MathExpressionProps
        {
            Expression = "100 * errors / MAX([requests, 1])",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["errors"] = targets.Metrics.HttpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, new MetricOptions { Period = period, Statistic = "Sum" }),
                ["requests"] = targets.Metrics.RequestCount(new MetricOptions { Period = period, Statistic = "Sum" }),
            },
            Label = "5xx responses (%)",
            Period = period,
        });
        Add("ServerErrors", "5xx-rate", errors, threshold: 5, "More than 5% of requests answered 5xx for 3 minutes");
        Add("UnhealthyTargets", "unhealthy-targets",
            targets.Metrics.UnhealthyHostCount(new MetricOptions { Period = period, Statistic = "Maximum" }),
            threshold: 1, "A target failed its /health check for 3 minutes", ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    }

    /// <summary>
    /// Messages waiting to be stored (valmetal.telemetry.queue_depth, exported by the collector sidecar); the alarm
    /// fires at 80% of the ingest queue (IngestionOptions.QueueCapacity, 5000), before MQTT flow control pushes back.
    /// </summary>
    public void AddIngestLagAlarm(string metricNamespace)
    {
        var queueDepth = new Metric(new MetricProps
        {
            Namespace = metricNamespace,
            MetricName = "valmetal.telemetry.queue_depth",
            Statistic = "Maximum",
            Period = Duration.Minutes(1),
        });
        Add("IngestLag", "ingest-lag", queueDepth, threshold: 4000, "Ingestion falls behind: over 4000 messages waiting for 3 minutes");
    }

    private Metric EcsMetric(string name, string cluster) => new(new MetricProps
    {
        Namespace = "AWS/ECS",
        MetricName = name,
        DimensionsMap = new Dictionary<string, string> { ["ClusterName"] = cluster, ["ServiceName"] = _family },
        Statistic = "Average",
        Period = Duration.Minutes(1),
    });

    private void Add(string id, string suffix, IMetric metric, double threshold, string description,
        ComparisonOperator comparison = ComparisonOperator.GREATER_THAN_THRESHOLD)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            AlarmName = $"{_family}-{suffix}",
            AlarmDescription = description,
            Metric = metric,
            Threshold = threshold,
            ComparisonOperator = comparison,
            EvaluationPeriods = 3,
            DatapointsToAlarm = 3,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        AlarmTopic.Notify(alarm, _topic);
        _alarms.Add(alarm);
    }
}
