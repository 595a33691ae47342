using Amazon.CDK;
using Constructs;

namespace Valmetal.Cdk.Configuration;

/// <summary>
/// Everything one environment needs, read from context (cdk.json or <c>-c key=value</c>) so synthesis never
/// looks anything up in an AWS account: an offline CI run produces the same templates as a deploy.
/// </summary>
public sealed record DeploymentSettings(
    string EnvironmentName,
    string Account,
    string Region,
    string CertificateArn,
    string IotDataEndpoint,
    string ApiDomain,
    string WebDomain,
    string GitSha,
    string Owner,
    bool UseTimestream)
{
    public const string GitShaKey = "valmetal:gitSha";
    public const string OwnerKey = "valmetal:owner";

    /// <summary>Used when no SHA is passed: a template built from a dirty tree should say so, not pretend.</summary>
    public const string UnversionedSha = "unversioned";

    public bool IsProduction => EnvironmentName == "prod";

    public Amazon.CDK.Environment AwsEnvironment => new() { Account = Account, Region = Region };

    public static string Key(string environmentName, string setting) => $"valmetal:{environmentName}:{setting}";

    public static DeploymentSettings FromContext(Construct scope, string environmentName)
    {
        string Required(string key) => scope.Node.TryGetContext(key) as string
            ?? throw new InvalidOperationException($"Context value '{key}' is missing (cdk.json or -c {key}=...).");
        string Optional(string key, string fallback) => scope.Node.TryGetContext(key) as string ?? fallback;

        return new DeploymentSettings(
            environmentName,
            Required(Key(environmentName, "account")),
            Required(Key(environmentName, "region")),
            Required(Key(environmentName, "certificateArn")),
            Required(Key(environmentName, "iotDataEndpoint")),
            Required(Key(environmentName, "apiDomain")),
            Required(Key(environmentName, "webDomain")),
            Optional(GitShaKey, UnversionedSha),
            Optional(OwnerKey, "platform-team"),
            // Context from the command line arrives as a string, from cdk.json as a boolean.
            scope.Node.TryGetContext(Key(environmentName, "timestream")) is true or "true");
    }
}
