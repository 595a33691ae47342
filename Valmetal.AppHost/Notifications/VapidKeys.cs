using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Valmetal.AppHost.Notifications;

/// <summary>
/// The local stack's VAPID key pair (RFC 8292): the notifier signs pushes with the private key, browsers subscribe
/// with the public one. Kept in the state folder, since every subscription is bound to the key it was made with; in
/// AWS the pair lives in Secrets Manager (the CDK's notification construct).
/// </summary>
public sealed record VapidKeys(string PublicKey, string PrivateKey)
{
    public static VapidKeys OpenOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize<VapidKeys>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} holds no VAPID keys.");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        // The uncompressed point (0x04 || X || Y) and the scalar, base64url without padding, as browsers and libraries take them.
        var keys = new VapidKeys(Base64Url.EncodeToString([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]), Base64Url.EncodeToString(parameters.D!));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Owner-only before the key is written, so it is never readable by others.
        File.WriteAllText(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(keys));
        return keys;
    }
}
