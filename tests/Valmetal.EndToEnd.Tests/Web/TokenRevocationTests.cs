using Valmetal.Identity;

namespace Valmetal.EndToEnd.Tests.Web;

/// <summary>Sign-out revokes the refresh token (RevokeToken); the local user pool must honour the call as Cognito does.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TokenRevocationTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_revoked_refresh_token_can_no_longer_refresh()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{platform.CognitoPort}") };
        var cognito = new SignInClient(new CognitoApiClient(http), TimeProvider.System);
        var clientId = await platform.UserPoolClientIdAsync();
        var user = DemoUsers.FarmerPrairie;
        var tokens = (await cognito.SignInAsync(clientId, user.Email, user.Password, CancellationToken.None)).Tokens!;
        await cognito.RefreshAsync(clientId, tokens.RefreshToken, CancellationToken.None);

        await cognito.RevokeAsync(clientId, tokens.RefreshToken, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<CognitoNotAuthorizedException>(() => cognito.RefreshAsync(clientId, tokens.RefreshToken, CancellationToken.None));
        Assert.Equal("NotAuthorizedException", refused.Type);
    }
}
