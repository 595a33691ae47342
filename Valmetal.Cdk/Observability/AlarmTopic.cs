using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using Valmetal.Cdk.Configuration;

namespace Valmetal.Cdk.Observability;

/// <summary>
/// Where every alarm of an environment pages: one SNS topic in the backend stack, its e-mail subscribers from
/// context (<c>valmetal:{env}:alarmEmails</c>, may be empty). Its name is fixed, so the web stack addresses it by
/// ARN instead of importing an export that would pin the backend stack.
/// </summary>
public static class AlarmTopic
{
    public static string NameFor(DeploymentSettings settings) => new ResourceNames(settings.EnvironmentName).Of("alarms");

    public static Topic Create(Construct scope, string id, DeploymentSettings settings)
    {
        var topic = new Topic(scope, id, new TopicProps
        {
            TopicName = NameFor(settings),
            DisplayName = $"Valmetal Connect {settings.EnvironmentName} alarms",
        });
        // Written out: 2.160's EnforceSSL property adds no topic policy. CloudWatch publishes over TLS anyway.
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [topic.TopicArn],
            Conditions = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" } },
        }));
        foreach (var address in settings.AlarmEmails)
        {
            topic.AddSubscription(new EmailSubscription(address));
        }

        return topic;
    }

    public static ITopic Import(Construct scope, string id, DeploymentSettings settings) =>
        Topic.FromTopicArn(scope, id, $"arn:{Aws.PARTITION}:sns:{settings.Region}:{settings.Account}:{NameFor(settings)}");

    /// <summary>
    /// Pages when the alarm fires and again when it clears, during a deployment (which it may also roll back) and
    /// at any time after it.
    /// </summary>
    public static void Notify(Alarm alarm, ITopic topic)
    {
        var action = new SnsAction(topic);
        alarm.AddAlarmAction(action);
        alarm.AddOkAction(action);
    }
}
