using Amazon.CDK;
using Constructs;

namespace Valmetal.Cdk;

public sealed record ValmetalStackProps(string EnvironmentName);

/// <summary>Placeholder for the production composition (issue #6): tagged so every resource traces to its environment.</summary>
public sealed class ValmetalStack : Stack
{
    public ValmetalStack(Construct scope, string id, ValmetalStackProps props)
        : base(scope, id, new StackProps { Description = $"Valmetal Connect ({props.EnvironmentName})" })
    {
        Amazon.CDK.Tags.Of(this).Add("application", "valmetal-connect");
        Amazon.CDK.Tags.Of(this).Add("environment", props.EnvironmentName);
    }
}
