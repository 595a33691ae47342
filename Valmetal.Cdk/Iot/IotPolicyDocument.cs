using Amazon.CDK;
using Valmetal.DeviceContract.Access;

namespace Valmetal.Cdk.Iot;

/// <summary>
/// A <see cref="BrokerPrincipal"/>'s rules as an IoT Core policy document (the IAM policy language with iot: actions).
/// In <c>topicfilter/</c> resources MQTT's <c>+</c> is literal (it names exactly the filter the client subscribes
/// with); in <c>topic/</c> resources <c>*</c> is the wildcard.
/// </summary>
public static class IotPolicyDocument
{
    public const string ThingVariable = "${iot:Connection.Thing.ThingName}";

    public static Dictionary<string, object> From(BrokerPrincipal principal, Stack stack)
    {
        string Arn(string kind, string name) => IotArn.Of(stack, kind, name);

        var connect = Statement("iot:Connect", [Arn("client", ClientIds(principal))]);
        if (principal.IsDevice)
        {
            // The certificate must be attached to the thing whose name it connects as, not just any certificate.
            connect["Condition"] = new Dictionary<string, object>
            {
                ["Bool"] = new Dictionary<string, object> { ["iot:Connection.Thing.IsAttached"] = "true" },
            };
        }

        var statements = new List<Dictionary<string, object>>
        {
            connect,
            Statement("iot:Publish", principal.Where(TopicAccess.Publish).Select(r => Arn("topic", Topic(r)))),
            Statement("iot:Subscribe", principal.Where(TopicAccess.Subscribe).Select(r => Arn("topicfilter", r.SubscribedFilter(ThingVariable)))),
            Statement("iot:Receive", principal.Where(TopicAccess.Subscribe).Select(r => Arn("topic", Topic(r)))),
        };
        var retained = principal.Where(TopicAccess.PublishRetained).Select(r => Arn("topic", Topic(r))).ToList();
        if (retained.Count > 0)
        {
            statements.Add(Statement("iot:RetainPublish", retained));
        }

        return new Dictionary<string, object>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = statements.Where(s => ((string[])s["Resource"]).Length > 0).ToArray(),
        };
    }

    /// <summary>A device is its thing name; a service's tasks are its identity and a dash, then anything.</summary>
    public static string ClientIds(BrokerPrincipal principal) => principal.IsDevice ? ThingVariable : $"{principal.Identity}-*";

    private static string Topic(TopicRule rule) =>
        rule.Filter.Replace(BrokerAccessRules.OwnThing, ThingVariable, StringComparison.Ordinal).Replace("+", "*", StringComparison.Ordinal);

    private static Dictionary<string, object> Statement(string action, IEnumerable<string> resources) => new()
    {
        ["Effect"] = "Allow",
        ["Action"] = action,
        ["Resource"] = resources.ToArray(),
    };
}
