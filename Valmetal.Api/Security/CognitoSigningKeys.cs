using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Valmetal.Api.Security;

/// <summary>
/// Token-signing keys straight from the pool's JWKS (<c>{issuer}/.well-known/jwks.json</c>, the same path on
/// AWS and on cognito-local), cached and refreshed hourly or on an unknown key id. The emulator's discovery
/// document names a fixed port, so discovery is skipped rather than trusted.
/// </summary>
public sealed class CognitoSigningKeys(string issuer, HttpClient http) : IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;
    private bool _refreshRequested;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var age = DateTimeOffset.UtcNow - _fetchedAt;
        if (_current is not null && age < RefreshInterval && !(_refreshRequested && age > MinimumRefreshInterval))
        {
            return _current;
        }

        await _gate.WaitAsync(cancel);
        try
        {
            var json = await http.GetStringAsync(new Uri(issuer.TrimEnd('/') + "/.well-known/jwks.json"), cancel);
            var configuration = new OpenIdConnectConfiguration { Issuer = issuer, JsonWebKeySet = new JsonWebKeySet(json) };
            foreach (var key in configuration.JsonWebKeySet.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            _current = configuration;
            _fetchedAt = DateTimeOffset.UtcNow;
            _refreshRequested = false;
            return configuration;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void RequestRefresh() => _refreshRequested = true;
}
