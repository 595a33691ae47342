using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Valmetal.EndToEnd.Tests.Notifications;

/// <summary>
/// What a browser and a push service do with a Web Push request, written from the RFCs rather than taken from the
/// library under test: the push service checks the VAPID token (RFC 8292), the browser decrypts the aes128gcm payload
/// with its subscription keys (RFC 8291, RFC 8188).
/// </summary>
public static class WebPushCrypto
{
    /// <summary>A browser's subscription keys: an ECDH P-256 key pair and a 16-byte authentication secret.</summary>
    public sealed class SubscriptionKeys : IDisposable
    {
        public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

        public byte[] PublicKey => Uncompressed(Key.ExportParameters(false).Q);

        public string P256dh => Base64Url.EncodeToString(PublicKey);

        public string Auth => Base64Url.EncodeToString(AuthSecret);

        public void Dispose() => Key.Dispose();
    }

    /// <summary>Decrypts one aes128gcm message body (a single record, as push messages are).</summary>
    public static string Decrypt(byte[] body, SubscriptionKeys keys)
    {
        var salt = body.AsSpan(0, 16);
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var keyIdLength = body[20];
        var serverPublic = body.AsSpan(21, keyIdLength).ToArray();
        var record = body.AsSpan(21 + keyIdLength);
        if (keyIdLength != 65 || record.Length > recordSize)
        {
            throw new CryptographicException($"not one aes128gcm record: key id {keyIdLength} bytes, record {record.Length} of {recordSize}");
        }

        using var server = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = serverPublic[1..33], Y = serverPublic[33..] },
        });
        var shared = keys.Key.DeriveRawSecretAgreement(server.PublicKey);
        var keyInfo = Encoding.ASCII.GetBytes("WebPush: info\0").Concat(keys.PublicKey).Concat(serverPublic).ToArray();
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, keys.AuthSecret, keyInfo);
        var contentKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt.ToArray(), Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt.ToArray(), Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));

        var plain = new byte[record.Length - 16];
        using var aes = new AesGcm(contentKey, 16);
        aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        // The last record ends with the delimiter 0x02, then any zero padding.
        var end = Array.FindLastIndex(plain, b => b != 0);
        if (end < 0 || plain[end] != 2)
        {
            throw new CryptographicException("the record does not end with the last-record delimiter");
        }

        return Encoding.UTF8.GetString(plain, 0, end);
    }

    /// <summary>
    /// Checks an <c>Authorization: vapid t=JWT, k=KEY</c> header as a push service does: the key is the one the
    /// subscription was made with, the ES256 signature holds, the audience is the endpoint's origin, the token expires
    /// within 24 hours and names a contact. Answers why it fails, or null.
    /// </summary>
    public static string? VapidProblem(string authorization, string expectedPublicKey, Uri endpoint, DateTimeOffset now)
    {
        var parts = authorization.StartsWith("vapid ", StringComparison.Ordinal)
            ? authorization[6..].Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : null;
        if (parts is null || !parts.TryGetValue("t", out var token) || !parts.TryGetValue("k", out var key))
        {
            return "no vapid t=..., k=... authorization";
        }

        if (key != expectedPublicKey)
        {
            return "signed with another key than the subscription's application server key";
        }

        var segments = token.Split('.');
        var point = Base64Url.DecodeFromChars(key);
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        if (segments.Length != 3
            || JsonNode.Parse(Base64Url.DecodeFromChars(segments[0]))?["alg"]?.GetValue<string>() != "ES256"
            || !verifier.VerifyData(Encoding.ASCII.GetBytes($"{segments[0]}.{segments[1]}"), Base64Url.DecodeFromChars(segments[2]), HashAlgorithmName.SHA256))
        {
            return "the token's ES256 signature does not verify";
        }

        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(segments[1]))!;
        var audience = claims["aud"]?.GetValue<string>();
        // Lib.Net.Http.WebPush writes the audience as scheme and host, without the port RFC 8292's origin includes. Real
        // push services listen on 443, where the two are the same; this one listens on a free port, so it compares
        // scheme and host, and would still refuse a token made for another push service.
        var origin = $"{endpoint.Scheme}://{endpoint.Host}";
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims["exp"]?.GetValue<long>() ?? 0);
        var subject = claims["sub"]?.GetValue<string>() ?? "";
        return audience != origin ? $"audience {audience} is not {origin}"
            : expires <= now || expires > now.AddHours(24) ? $"expiry {expires:u} is not within 24 hours"
            : !subject.StartsWith("mailto:", StringComparison.Ordinal) && !subject.StartsWith("https:", StringComparison.Ordinal) ? $"subject {subject} is no contact"
            : null;
    }

    private static byte[] Uncompressed(ECPoint q) => [0x04, .. q.X!, .. q.Y!];
}
