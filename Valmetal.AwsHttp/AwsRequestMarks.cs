namespace Valmetal.AwsHttp;

/// <summary>
/// What a client tells the layer about one request, set on <see cref="HttpRequestMessage.Options"/> by the client
/// that knows the operation (the handler cannot tell an operation's nature from its bytes).
/// </summary>
public static class AwsRequestMarks
{
    /// <summary>
    /// AWS takes this operation without a signature (Cognito's public client calls: InitiateAuth, RevokeToken...).
    /// Sending it unsigned keeps the web host free of AWS credentials it would otherwise not need.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> NoSignature = new("Valmetal.AwsHttp.Unsigned");

    /// <summary>
    /// Repeating the request leaves the same state as sending it once (reads, set-membership, enable/disable, or a
    /// create that carries a client token): only such requests are retried (docs/decisions.md).
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Valmetal.AwsHttp.Idempotent");

    public static HttpRequestMessage MarkUnsigned(this HttpRequestMessage request)
    {
        request.Options.Set(NoSignature, true);
        return request;
    }

    public static HttpRequestMessage MarkIdempotent(this HttpRequestMessage request)
    {
        request.Options.Set(Idempotent, true);
        return request;
    }

    public static bool IsUnsigned(this HttpRequestMessage request) => request.Options.TryGetValue(NoSignature, out var value) && value;

    public static bool IsIdempotent(this HttpRequestMessage request) => request.Options.TryGetValue(Idempotent, out var value) && value;
}
