using System.Text.Json.Nodes;

namespace Valmetal.AwsHttp.Ses;

/// <summary>
/// Amazon SES (API v2) SendEmail over REST-JSON, signed with the caller's role, so no SMTP credentials exist. Its
/// request is checked against <c>@aws-sdk/client-sesv2</c>'s by tests/Valmetal.AwsHttp.Tests. Never retried after an
/// ambiguous failure (SES has no idempotency token): the notifier's own retry sends again, which at-least-once allows.
/// </summary>
public sealed class SesClient(HttpClient http)
{
    /// <summary>The service name SES (email.{region}.amazonaws.com) is signed for.</summary>
    public const string SigningName = "ses";

    /// <summary>SES's regional endpoint (API v2 shares it with v1).</summary>
    public static Uri RegionalEndpoint(string region) => new($"https://email.{region}.amazonaws.com/");

    /// <summary>Sends one plain-text e-mail in UTF-8; answers SES's message id.</summary>
    public async Task<string> SendEmailAsync(string from, string to, string subject, string text, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["FromEmailAddress"] = from,
            ["Destination"] = new JsonObject { ["ToAddresses"] = new JsonArray(to) },
            ["Content"] = new JsonObject
            {
                ["Simple"] = new JsonObject
                {
                    ["Subject"] = new JsonObject { ["Data"] = subject, ["Charset"] = "UTF-8" },
                    ["Body"] = new JsonObject { ["Text"] = new JsonObject { ["Data"] = text, ["Charset"] = "UTF-8" } },
                },
            },
        };
        using var request = AwsRestJsonProtocol.Request(HttpMethod.Post, "/v2/email/outbound-emails").Body(body).Build();
        var result = await AwsRestJsonProtocol.SendAsync(http, request, SesErrors.From, ct);
        return result["MessageId"] is JsonValue id && id.TryGetValue<string>(out var messageId)
            ? messageId
            : throw new SesServiceException(new AwsError("UnreadableResponse", "SES answered SendEmail without a MessageId", 200, null));
    }
}
