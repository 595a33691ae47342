using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Valmetal.Identity;

namespace Valmetal.Api.Tests.Hosting;

/// <summary>
/// Access tokens shaped as Cognito issues them (issuer, <c>token_use</c>, <c>client_id</c>, <c>cognito:groups</c>, RS256),
/// signed with a key made for this run. The API under test trusts that key in place of the pool's JWKS, and checks
/// everything else about the token as it does in AWS.
/// </summary>
public sealed class TestTokens : IDisposable
{
    public const string Issuer = "https://cognito-idp.ca-central-1.amazonaws.com/ca-central-1_TestPool";
    public const string ClientId = "test-app-client";

    private readonly RSA _rsa = RSA.Create(2048);

    public TestTokens() => SigningKey = new RsaSecurityKey(_rsa) { KeyId = "test-key" };

    public RsaSecurityKey SigningKey { get; }

    /// <summary>An access token for <paramref name="sub"/> in <paramref name="groups"/>; the other claims may be changed to test refusals.</summary>
    public string AccessToken(string sub, IEnumerable<string> groups, string issuer = Issuer, string clientId = ClientId,
        string tokenUse = "access", TimeSpan? lifetime = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", sub), new("token_use", tokenUse), new("client_id", clientId), new("username", sub) };
        claims.AddRange(groups.Select(g => new Claim(CognitoGroups.ClaimType, g)));
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(30));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expires < now ? expires.AddMinutes(-35) : now,
            NotBefore = expires < now ? expires.AddMinutes(-35) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => _rsa.Dispose();
}
