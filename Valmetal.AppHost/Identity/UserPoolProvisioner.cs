using System.Text.Json;
using System.Text.Json.Nodes;
using Valmetal.Identity;

namespace Valmetal.AppHost.Identity;

public sealed record UserPool(string PoolId, string ClientId);

/// <summary>
/// Creates the local user pool, the web app's client and the role groups on first run, as the CDK stack
/// declares them in AWS; later runs reuse them (ids kept in the state folder). Users are seeded by the API.
/// </summary>
public sealed class UserPoolProvisioner(string serviceUrl, string stateFile)
{
    private readonly Lazy<Task<UserPool>> _pool = new(() => ProvisionAsync(serviceUrl, stateFile));

    public Task<UserPool> EnsureAsync() => _pool.Value;

    private static async Task<UserPool> ProvisionAsync(string serviceUrl, string stateFile)
    {
        using var http = new HttpClient { BaseAddress = new Uri(serviceUrl), Timeout = TimeSpan.FromSeconds(15) };
        var cognito = new CognitoApiClient(http);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;

        if (File.Exists(stateFile) && JsonSerializer.Deserialize<UserPool>(await File.ReadAllTextAsync(stateFile, ct)) is { } known)
        {
            try
            {
                await cognito.CallAsync("DescribeUserPool", CognitoApiClient.Body(("UserPoolId", known.PoolId)), ct);
                return known;
            }
            catch (CognitoException ex) when (ex.Type == "ResourceNotFoundException")
            {
                // The emulator's data was wiped: provision again.
            }
        }

        var pool = await cognito.CallAsync("CreateUserPool", CognitoApiClient.Body(
            ("PoolName", "valmetal-connect"),
            ("UsernameAttributes", new JsonArray("email")),
            ("AutoVerifiedAttributes", new JsonArray("email")),
            // As the CDK's pool: users may add an authenticator app; the password rules are the same.
            ("MfaConfiguration", "OPTIONAL"),
            ("Policies", new JsonObject
            {
                ["PasswordPolicy"] = new JsonObject
                {
                    ["MinimumLength"] = PasswordRules.MinLength,
                    ["RequireUppercase"] = true,
                    ["RequireLowercase"] = true,
                    ["RequireNumbers"] = true,
                    ["RequireSymbols"] = true,
                    ["TemporaryPasswordValidityDays"] = PasswordRules.TemporaryPasswordDays,
                },
            })), ct);
        var poolId = pool["UserPool"]!["Id"]!.GetValue<string>();
        var client = await cognito.CallAsync("CreateUserPoolClient", CognitoApiClient.Body(
            ("UserPoolId", poolId),
            ("ClientName", "valmetal-web"),
            ("ExplicitAuthFlows", new JsonArray("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))), ct);
        foreach (var group in CognitoGroups.All)
        {
            await cognito.CallAsync("CreateGroup", CognitoApiClient.Body(("UserPoolId", poolId), ("GroupName", group)), ct);
        }

        var created = new UserPool(poolId, client["UserPoolClient"]!["ClientId"]!.GetValue<string>());
        await File.WriteAllTextAsync(stateFile, JsonSerializer.Serialize(created), ct);
        return created;
    }
}
