namespace Valmetal.AwsHttp;

/// <summary>One set of credentials to sign with; <see cref="SessionToken"/> is set for temporary (role) credentials.</summary>
public sealed record AwsKeys(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Keeps the secret out of logs and exception messages.</summary>
    public override string ToString() => $"AwsKeys {{ AccessKeyId = {AccessKeyId}, Session = {SessionToken is not null} }}";
}

/// <summary>Where the signing handler gets credentials for each request (they rotate: a task role's expire hourly).</summary>
public interface IAwsCredentialSource
{
    ValueTask<AwsKeys> GetAsync(CancellationToken ct);
}
