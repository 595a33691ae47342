using System.Text.Json.Nodes;

namespace Valmetal.EndToEnd.Tests.Platform;

/// <summary>
/// Reads what cognito-local stored for a user: the stand-in for the e-mails Cognito sends (the invitation's temporary
/// password, the code of a password reset), which cognito-local only prints to its console. Its data file is written
/// before it answers the call, so one read after the call finds the value.
/// </summary>
public sealed class LocalUserPoolStore(PlatformFixture platform)
{
    public async Task<string> TemporaryPasswordAsync(string email) => await FieldAsync(email, "Password");

    public async Task<string> ResetCodeAsync(string email) => await FieldAsync(email, "ConfirmationCode");

    private async Task<string> FieldAsync(string email, string field)
    {
        var pool = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(platform.StateDirectory, "cognito", "valmetal-user-pool.json")))!;
        var file = Path.Combine(platform.StateDirectory, "cognito", ".cognito", "db", pool["PoolId"]!.GetValue<string>() + ".json");
        var users = JsonNode.Parse(await File.ReadAllTextAsync(file))!["Users"]!.AsObject();
        var user = users.Select(u => u.Value!).Single(u => u["Attributes"]!.AsArray()
            .Any(a => a!["Name"]!.GetValue<string>() == "email" && a["Value"]!.GetValue<string>() == email));
        return user[field]?.GetValue<string>() ?? throw new InvalidOperationException($"cognito-local holds no {field} for {email}");
    }
}
