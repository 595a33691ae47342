using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Valmetal.AwsHttp;

/// <summary>What one signature covers and where it is valid.</summary>
public sealed record SigningScope(string Region, string Service, DateTimeOffset Time, bool SendContentSha256);

/// <summary>
/// AWS Signature Version 4 for an <see cref="HttpRequestMessage"/>, written here because AWSSDK.Core's signer only
/// signs its own internal request type. The canonical form follows AWS's SDK signers (checked against
/// <c>@smithy/signature-v4</c> by tests/Valmetal.AwsHttp.Tests): the path is normalized and encoded a second time
/// (every service but S3), query pairs are sorted after encoding, header values are trimmed and their inner
/// whitespace collapsed.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string DateHeader = "x-amz-date";
    public const string TokenHeader = "x-amz-security-token";
    public const string ContentSha256Header = "x-amz-content-sha256";

    /// <summary>
    /// Sets <c>x-amz-date</c>, <c>x-amz-security-token</c> (session credentials), <c>x-amz-content-sha256</c>
    /// (when the service wants it) and <c>Authorization</c>, replacing values of an earlier attempt.
    /// Signed are the host, the content type and every <c>x-amz-*</c> header: headers that handlers further down
    /// add (trace context, user agent) stay outside the signature, so they cannot break it.
    /// </summary>
    public static void Sign(HttpRequestMessage request, byte[] body, AwsKeys keys, SigningScope scope)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request to sign needs an absolute URI.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("A request to sign needs an absolute URI.");
        }

        var amzDate = scope.Time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var payloadHash = Hex(SHA256.HashData(body));
        Replace(request, DateHeader, amzDate);
        Replace(request, TokenHeader, keys.SessionToken);
        Replace(request, ContentSha256Header, scope.SendContentSha256 ? payloadHash : null);
        request.Headers.Authorization = null;

        var headers = CanonicalHeaders(request, uri);
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = string.Join('\n',
            request.Method.Method.ToUpperInvariant(),
            CanonicalPath(uri.AbsolutePath),
            CanonicalQuery(uri.Query),
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            payloadHash);
        var credentialScope = $"{day}/{scope.Region}/{scope.Service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, credentialScope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + keys.SecretAccessKey), day);
        key = Hmac(key, scope.Region);
        key = Hmac(key, scope.Service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={keys.AccessKeyId}/{credentialScope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>Path segments without empty, "." and ".." ones, then URI-encoded once more (except the slashes).</summary>
    public static string CanonicalPath(string escapedPath)
    {
        var segments = new List<string>();
        foreach (var segment in escapedPath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var normalized = (escapedPath.StartsWith('/') ? "/" : string.Empty)
            + string.Join('/', segments)
            + (segments.Count > 0 && escapedPath.EndsWith('/') ? "/" : string.Empty);
        return Encode(normalized).Replace("%2F", "/", StringComparison.Ordinal);
    }

    /// <summary>Pairs decoded, encoded strictly (RFC 3986), sorted by key and then by pair; repeated keys all kept.</summary>
    public static string CanonicalQuery(string query)
    {
        var text = query.StartsWith('?') ? query[1..] : query;
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Key, string Pair)>();
        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = Encode(Uri.UnescapeDataString(equals < 0 ? part : part[..equals]));
            if (key.Equals("x-amz-signature", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = Encode(Uri.UnescapeDataString(equals < 0 ? string.Empty : part[(equals + 1)..]));
            pairs.Add((key, $"{key}={value}"));
        }

        return string.Join('&', pairs
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Pair, StringComparer.Ordinal)
            .Select(p => p.Pair));
    }

    /// <summary>RFC 3986 encoding of UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay as they are.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static SortedDictionary<string, string> CanonicalHeaders(HttpRequestMessage request, Uri uri)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.Headers.Host ?? uri.Authority,
        };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = Trim(contentType.ToString());
        }

        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name.ToLowerInvariant()] = Trim(string.Join(',', values));
            }
        }

        return headers;
    }

    private static string Trim(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static void Replace(HttpRequestMessage request, string name, string? value)
    {
        request.Headers.Remove(name);
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
