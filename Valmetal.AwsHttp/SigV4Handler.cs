using Microsoft.Extensions.Options;

namespace Valmetal.AwsHttp;

/// <summary>
/// Signs each request for one service (its signing name, such as <c>cognito-idp</c>), unless the client marked it
/// <see cref="AwsRequestMarks.NoSignature"/>. It sits inside the retry handler, so every attempt gets a fresh date and
/// signature.
/// </summary>
public sealed class SigV4Handler(
    string service,
    bool sendContentSha256,
    IOptions<AwsHttpOptions> options,
    IAwsCredentialSource credentials,
    TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.IsUnsigned())
        {
            // Buffered content (all these clients send) can be read here and again by the transport.
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var keys = await credentials.GetAsync(cancellationToken);
            SigV4.Sign(request, body, keys, new SigningScope(options.Value.Region, service, time.GetUtcNow(), sendContentSha256));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
