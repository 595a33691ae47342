using Amazon.CDK;

namespace Valmetal.Cdk.Iot;

/// <summary>Turns <see cref="PolicyRules"/> into an IoT Core policy document (the IAM policy language with iot: actions).</summary>
public static class IotPolicyDocument
{
    public static Dictionary<string, object> From(PolicyRules rules, Stack stack, bool requireAttachedThing)
    {
        string Arn(string kind, string name) => IotArn.Of(stack, kind, name);

        var connect = new Dictionary<string, object>
        {
            ["Effect"] = "Allow",
            ["Action"] = "iot:Connect",
            ["Resource"] = rules.ConnectAs.Select(id => Arn("client", id)).ToArray(),
        };
        if (requireAttachedThing)
        {
            // The certificate must be attached to the thing whose name it connects as, not just any certificate.
            connect["Condition"] = new Dictionary<string, object>
            {
                ["Bool"] = new Dictionary<string, object> { ["iot:Connection.Thing.IsAttached"] = "true" },
            };
        }

        return new Dictionary<string, object>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new object[]
            {
                connect,
                Statement("iot:Publish", rules.Publish.Select(t => Arn("topic", t))),
                Statement("iot:Subscribe", rules.Subscribe.Select(t => Arn("topicfilter", t))),
                Statement("iot:Receive", rules.Receive.Select(t => Arn("topic", t))),
            },
        };
    }

    private static Dictionary<string, object> Statement(string action, IEnumerable<string> resources) => new()
    {
        ["Effect"] = "Allow",
        ["Action"] = action,
        ["Resource"] = resources.ToArray(),
    };
}
