using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.SNS;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Observability;

/// <summary>
/// IoT Core's own message broker metrics (AWS/IoT, dimension Protocol=MQTT): devices that can no longer connect or
/// publish show here before anything reaches the services. There are no topic rules (telemetry subscribes to the
/// broker itself), so the rule metrics (RuleMessageThrottled, Failure…) would never report and get no alarm.
/// </summary>
public sealed class IotAlarmsConstruct : Construct
{
    public const string Protocol = "MQTT";

    public IotAlarmsConstruct(Construct scope, string id, DeploymentSettings settings, ITopic topic)
        : base(scope, id)
    {
        var names = new ResourceNames(settings.EnvironmentName);

        // A handful is noise (a scanner, a device with a stale certificate); dozens mean a policy or CA change broke the fleet.
        Add("ConnectAuthErrors", names.Of("iot-connect-auth-errors"), "Connect.AuthError", threshold: 20, periods: 3,
            "More than 20 MQTT connections refused by the IoT policy in each of 3 periods of 5 minutes", topic);
        // Throttles mean the account's IoT Core quotas (connect or publish rate) are reached: data is being lost now.
        Add("ConnectThrottles", names.Of("iot-connect-throttles"), "Connect.Throttle", threshold: 0, periods: 1,
            "IoT Core throttled MQTT connections (account connect-rate quota) in the last 5 minutes", topic);
        Add("PublishThrottles", names.Of("iot-publish-throttles"), "PublishIn.Throttle", threshold: 0, periods: 1,
            "IoT Core throttled inbound publishes (account publish-rate quota) in the last 5 minutes", topic);
    }

    public static Metric BrokerMetric(string name) => new(new MetricProps
    {
        Namespace = "AWS/IoT",
        MetricName = name,
        DimensionsMap = new Dictionary<string, string> { ["Protocol"] = Protocol },
        Statistic = "Sum",
        Period = Duration.Minutes(5),
    });

    private void Add(string id, string name, string metric, double threshold, int periods, string description, ITopic topic)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            AlarmName = name,
            AlarmDescription = description,
            Metric = BrokerMetric(metric),
            Threshold = threshold,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = periods,
            DatapointsToAlarm = periods,
            // IoT Core reports nothing while nothing fails.
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });
        AlarmTopic.Notify(alarm, topic);
    }
}
