using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Valmetal.Api.Tests.Hosting;

namespace Valmetal.Api.Tests.Authorization;

/// <summary>Only the pool's access tokens for our app client, signed by the pool and unexpired, get in.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class TokenTests(ApiHost api)
{
    [Fact]
    public async Task The_pools_access_token_for_the_app_client_is_accepted() =>
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(api.Tokens.AccessToken(Tenants.Farmer.Sub, Tenants.Farmer.Groups)));

    [Theory]
    [InlineData("another issuer")]
    [InlineData("another app client")]
    [InlineData("an id token")]
    [InlineData("expired")]
    [InlineData("another key")]
    public async Task Any_other_token_is_refused(string difference)
    {
        using var otherKey = RSA.Create(2048);
        var sub = Tenants.Farmer.Sub;
        var groups = Tenants.Farmer.Groups;
        var token = difference switch
        {
            "another issuer" => api.Tokens.AccessToken(sub, groups, issuer: "https://cognito-idp.ca-central-1.amazonaws.com/ca-central-1_Other"),
            "another app client" => api.Tokens.AccessToken(sub, groups, clientId: "someone-elses-client"),
            "an id token" => api.Tokens.AccessToken(sub, groups, tokenUse: "id"),
            "expired" => api.Tokens.AccessToken(sub, groups, lifetime: TimeSpan.FromMinutes(-5)),
            _ => api.Tokens.AccessToken(sub, groups, key: new RsaSecurityKey(otherKey) { KeyId = "test-key" }),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(token));
    }

    private async Task<HttpStatusCode> StatusAsync(string token)
    {
        using var client = api.Client(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await client.GetAsync("api/me");
        return response.StatusCode;
    }
}
