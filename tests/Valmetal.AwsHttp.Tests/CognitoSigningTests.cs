using Microsoft.Extensions.Options;
using Valmetal.Identity;

namespace Valmetal.AwsHttp.Tests;

/// <summary>Which Cognito calls leave signed: admin calls are, the app client's public calls are not.</summary>
public sealed class CognitoSigningTests
{
    [Theory]
    [InlineData("AdminGetUser", true)]
    [InlineData("AdminCreateUser", true)]
    [InlineData("AdminDisableUser", true)]
    [InlineData("InitiateAuth", false)]
    [InlineData("RespondToAuthChallenge", false)]
    [InlineData("RevokeToken", false)]
    public async Task Admin_calls_are_signed_for_cognito_idp_and_public_calls_are_not(string operation, bool expectSignature)
    {
        var capture = new CapturingHandler();
        using var handler = new SigV4Handler(CognitoApiClient.SigningName, false,
            Options.Create(new AwsHttpOptions { Region = "ca-central-1" }),
            new StaticCredentialSource(new AwsKeys("AKIDEXAMPLE", "secret")),
            new FixedTime(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)))
        {
            InnerHandler = capture,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri("https://cognito-idp.ca-central-1.amazonaws.com") };

        await new CognitoApiClient(http).CallAsync(operation, CognitoApiClient.Body(("ClientId", "c")), CancellationToken.None);

        var request = capture.Received.Single().Request;
        Assert.Equal(expectSignature, request.Headers.Contains("Authorization"));
        if (expectSignature)
        {
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/ca-central-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target,",
                request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_create_without_client_token_and_sign_in_are_never_retried()
    {
        IReadOnlySet<string> idempotent = CognitoApiClient.IdempotentOperations;
        Assert.DoesNotContain("AdminCreateUser", idempotent);
        Assert.DoesNotContain("InitiateAuth", idempotent);
        Assert.Contains("AdminAddUserToGroup", idempotent);
    }
}
