using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Valmetal.AwsHttp;

/// <summary>
/// AWSSDK.Core's default chain: environment, profile, then the ECS task role or instance profile. Locally the
/// AppHost sets dummy keys in the environment, so the emulators receive requests signed by the same code path.
/// The chain is resolved on first use, so a host that only sends unsigned calls never needs credentials.
/// </summary>
public sealed class DefaultChainCredentialSource : IAwsCredentialSource
{
    private readonly Lazy<AWSCredentials> credentials = new(() => DefaultAWSCredentialsIdentityResolver.GetCredentials());

    public async ValueTask<AwsKeys> GetAsync(CancellationToken ct)
    {
        // The SDK's credentials cache and refresh themselves (role credentials before they expire).
        var keys = await credentials.Value.GetCredentialsAsync().WaitAsync(ct);
        return new AwsKeys(keys.AccessKey, keys.SecretKey, keys.UseToken ? keys.Token : null);
    }
}

/// <summary>Fixed keys: for tests, and for emulators where no chain is configured.</summary>
public sealed class StaticCredentialSource(AwsKeys keys) : IAwsCredentialSource
{
    public ValueTask<AwsKeys> GetAsync(CancellationToken ct) => ValueTask.FromResult(keys);
}
