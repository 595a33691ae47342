using System.Globalization;

namespace Valmetal.AwsHttp.Sns;

/// <summary>SMS the notification sender may choose: Transactional is delivered first and past do-not-disturb rules.</summary>
public enum SmsType
{
    Transactional,
    Promotional,
}

/// <summary>
/// Amazon SNS's Publish to a phone number, over the query protocol through this layer (no AWSSDK.SimpleNotificationService
/// package is served to this project). Its request is checked against <c>@aws-sdk/client-sns</c>'s by
/// tests/Valmetal.AwsHttp.Tests. Publish is not marked idempotent: a repeat would send the farmer a second SMS, so
/// whoever sends keeps its own record of what went out and retries from there.
/// </summary>
public sealed class SnsClient(HttpClient http)
{
    /// <summary>The service name SNS is signed for.</summary>
    public const string SigningName = "sns";

    private const string Version = "2010-03-31";

    /// <summary>SNS's regional endpoint, where SMS are published.</summary>
    public static Uri RegionalEndpoint(string region) => new($"https://sns.{region}.amazonaws.com/");

    /// <summary>Sends one SMS; answers SNS's message id.</summary>
    public async Task<string> PublishSmsAsync(string phoneNumber, string message, SmsType type, string? senderId, CancellationToken ct)
    {
        var attributes = new List<(string Name, string Value)> { ("AWS.SNS.SMS.SMSType", type.ToString()) };
        if (senderId is not null)
        {
            attributes.Add(("AWS.SNS.SMS.SenderID", senderId));
        }

        var parameters = new List<(string, string)> { ("Message", message), ("PhoneNumber", phoneNumber) };
        for (var i = 0; i < attributes.Count; i++)
        {
            var entry = "MessageAttributes.entry." + (i + 1).ToString(CultureInfo.InvariantCulture);
            parameters.Add((entry + ".Name", attributes[i].Name));
            parameters.Add((entry + ".Value.DataType", "String"));
            parameters.Add((entry + ".Value.StringValue", attributes[i].Value));
        }

        using var request = AwsQueryProtocol.CreateRequest("Publish", Version, parameters);
        var result = await AwsQueryProtocol.SendAsync(http, request, "Publish", SnsErrors.From, ct);
        return AwsQueryProtocol.Child(result, "MessageId")
            ?? throw new SnsServiceException(new AwsError("UnreadableResponse", "SNS answered Publish without a MessageId", 200, null));
    }
}
