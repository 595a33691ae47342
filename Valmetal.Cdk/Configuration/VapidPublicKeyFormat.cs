using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Valmetal.Cdk.Configuration;

/// <summary>
/// The public half of the environment's VAPID key pair (RFC 8292): browsers subscribe to pushes with it and the
/// notifier signs next to it. A P-256 point, uncompressed (0x04, X, Y: 65 bytes), base64url without padding (87
/// characters), as the web app and the notifier take it. A mistyped key would only show once browsers' pushes fail,
/// so it is checked at synthesis. The private half lives in a secret (docs/deployment.md, "VAPID keys").
/// </summary>
public static partial class VapidPublicKeyFormat
{
    public const int Length = 87;

    private const int PointBytes = 65;

    /// <summary>Answers <paramref name="key"/> if it is such a point; <paramref name="contextKey"/> names it in the error.</summary>
    public static string Validated(string key, string contextKey)
    {
        var problem = Problem(key);
        return problem is null
            ? key
            : throw new InvalidOperationException(
                $"Context value '{contextKey}' is not a VAPID public key: {problem}. It is the uncompressed P-256 point in base64url " +
                $"without padding ({Length} characters); docs/deployment.md, \"VAPID keys\", shows how to make the pair.");
    }

    private static string? Problem(string key)
    {
        if (key.Length != Length || !Base64Url().IsMatch(key))
        {
            return $"{key.Length} characters, not {Length} of A-Z, a-z, 0-9, '-' and '_'";
        }

        var point = Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/') + "=");
        if (point.Length != PointBytes || point[0] != 0x04)
        {
            return "not an uncompressed point (its first byte must be 0x04)";
        }

        try
        {
            // Importing checks that the point lies on the curve, as browsers do when they subscribe.
            using var _ = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            return null;
        }
        catch (CryptographicException)
        {
            return "not a point of the P-256 curve";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Base64Url();
}
