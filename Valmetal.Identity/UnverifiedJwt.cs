using System.Buffers.Text;
using System.Text.Json;

namespace Valmetal.Identity;

/// <summary>
/// Reads a JWT's payload without checking its signature. Only for tokens this process just received from
/// Cognito itself over its own connection (to show who signed in, to schedule refresh); the API validates
/// every token it is given.
/// </summary>
public static class UnverifiedJwt
{
    public static JsonElement Payload(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("Not a JWT.");
        }

        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        return document.RootElement.Clone();
    }

    public static IEnumerable<string> Strings(JsonElement payload, string claim) =>
        !payload.TryGetProperty(claim, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString() ?? string.Empty)
        : [value.GetString() ?? string.Empty];
}
