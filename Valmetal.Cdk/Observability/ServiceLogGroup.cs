using Amazon.CDK;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Observability;

public static class ServiceLogGroup
{
    /// <summary>
    /// A container's log group: retained when the stack goes (logs outlive tasks), kept a month, a year in production.
    /// </summary>
    public static LogGroup Create(Construct scope, string id, DeploymentSettings settings, string name) => new(scope, id, new LogGroupProps
    {
        LogGroupName = $"/valmetal/{settings.EnvironmentName}/{name}",
        Retention = settings.IsProduction ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
        RemovalPolicy = RemovalPolicy.RETAIN,
    });
}
