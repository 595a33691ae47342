using Amazon.CDK;
using Constructs;

namespace Valmetal.Cdk.Configuration;

/// <summary>What every application stack of an environment shares: its account and region, named zones, tags.</summary>
public abstract class ApplicationStack : Stack
{
    private readonly DeploymentSettings _settings;

    protected ApplicationStack(Construct scope, string id, DeploymentSettings settings, string description)
        : base(scope, id, new StackProps
        {
            Env = settings.AwsEnvironment,
            Description = $"Valmetal Connect ({settings.EnvironmentName}): {description}",
            TerminationProtection = settings.IsProduction,
        })
    {
        _settings = settings;
        StackTags.Apply(this, settings);
    }

    /// <summary>
    /// Named, not looked up: the default asks the account for its zones, which needs credentials at synthesis.
    /// </summary>
    public static string[] ZonesOf(DeploymentSettings settings) => [$"{settings.Region}a", $"{settings.Region}b"];

    public override string[] AvailabilityZones => ZonesOf(_settings);
}
