using Microsoft.Extensions.Options;
using Valmetal.IotCoreFake.Registry;

namespace Valmetal.IotCoreFake;

/// <summary>
/// Refuses what IoT Core would refuse before reading the request: no SigV4 signature, or one scoped to another region
/// or service (a client signing for "iot-data" or "execute-api" instead of "iot" fails here as on AWS). The signature
/// itself is not recomputed: the only signer here is the API's own, and its parity with AWS's signer is tested
/// against @smithy/signature-v4 (tests/Valmetal.AwsHttp.Tests). It also turns the registry's errors into IoT's answers.
/// </summary>
public sealed class SignedRequests(IOptions<IotFakeOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authorization = http.Request.Headers.Authorization.ToString();
        var scope = $"/{options.Value.Region}/iot/aws4_request";
        if (authorization.Length == 0 || !http.Request.Headers.ContainsKey("X-Amz-Date"))
        {
            return new IotFakeException(StatusCodes.Status403Forbidden, "MissingAuthenticationTokenException", "Missing Authentication Token").ToResult(http);
        }

        if (!authorization.StartsWith("AWS4-HMAC-SHA256 Credential=", StringComparison.Ordinal) || !authorization.Contains(scope + ",", StringComparison.Ordinal))
        {
            return new IotFakeException(StatusCodes.Status403Forbidden, "InvalidSignatureException", $"Credential should be scoped to {scope}").ToResult(http);
        }

        try
        {
            return await next(context);
        }
        catch (IotFakeException error)
        {
            return error.ToResult(http);
        }
    }
}
