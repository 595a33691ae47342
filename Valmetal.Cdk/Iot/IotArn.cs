using Amazon.CDK;

namespace Valmetal.Cdk.Iot;

public static class IotArn
{
    /// <summary>An IoT Core resource ARN: kind is client, topic, topicfilter, thing, thingtype or cert.</summary>
    public static string Of(Stack stack, string kind, string name) =>
        $"arn:{stack.Partition}:iot:{stack.Region}:{stack.Account}:{kind}/{name}";
}
