using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Valmetal.AwsHttp.Sns;

namespace Valmetal.AwsHttp.Tests;

/// <summary>
/// SnsClient's Publish against @aws-sdk/client-sns's for the same SMS (query protocol: form body compared pair by
/// pair, decoded), including non-ASCII text as a French message has it; its answer and error envelopes are read as
/// the SNS API reference shows them.
/// </summary>
public sealed class SnsRequestParityTests
{
    private const string Phone = "+14185550134";
    private const string Message = "Mélangeur VM-FM-29901 : bourrage détecté (critique) — https://connect.example/alarms/1";

    [Fact]
    public async Task Our_SMS_publish_equals_the_AWS_SDKs_and_a_renamed_attribute_is_caught()
    {
        var theirs = await SdkParity.SendTheirsAsync("sns", [("Publish", new JsonObject
        {
            ["PhoneNumber"] = Phone,
            ["Message"] = Message,
            ["MessageAttributes"] = new JsonObject
            {
                ["AWS.SNS.SMS.SMSType"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "Transactional" },
                ["AWS.SNS.SMS.SenderID"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "Valmetal" },
            },
        })]);
        var capture = new CapturingHandler((_, _) => Xml(HttpStatusCode.OK, """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>
              <ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata>
            </PublishResponse>
            """));
        using var http = new HttpClient(capture) { BaseAddress = new Uri("https://sns.test") };

        var messageId = await new SnsClient(http).PublishSmsAsync(Phone, Message, SmsType.Transactional, "Valmetal", CancellationToken.None);

        Assert.Equal("567910cd-659e-55d4-8ccb-5aaf14679dc0", messageId);
        var ours = SdkParity.FromOurs("Publish", capture.Received[0].Request, capture.Received[0].Body);
        SdkParity.AssertSame(theirs, [ours]);
        Assert.NotEmpty(SdkParity.Differences(theirs[0], ours.WithBodyMemberRenamed("MessageAttributes.entry.1.Value.StringValue", "MessageAttributes.entry.1.Value.Value")));
    }

    [Theory]
    [InlineData(400, "InvalidParameter", typeof(SnsRejectedException))]
    [InlineData(400, "OptedOut", typeof(SnsRejectedException))]
    [InlineData(400, "Throttled", typeof(SnsThrottledException))]
    [InlineData(403, "AuthorizationError", typeof(SnsNotAuthorizedException))]
    [InlineData(500, "InternalError", typeof(SnsServiceException))]
    public async Task Errors_in_the_query_envelope_become_their_kind(int status, string code, Type kind)
    {
        var capture = new CapturingHandler((_, _) => Xml((HttpStatusCode)status, $"""
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error><Type>Sender</Type><Code>{code}</Code><Message>refused</Message></Error>
              <RequestId>9b2f6c3e-0000-4000-8000-000000000000</RequestId>
            </ErrorResponse>
            """));
        using var http = new HttpClient(capture) { BaseAddress = new Uri("https://sns.test") };

        var error = await Assert.ThrowsAnyAsync<SnsException>(() =>
            new SnsClient(http).PublishSmsAsync(Phone, "test", SmsType.Transactional, null, CancellationToken.None));

        Assert.IsType(kind, error);
        Assert.Equal(code, error.Code);
        Assert.Equal("9b2f6c3e-0000-4000-8000-000000000000", error.RequestId);
    }

    private static HttpResponseMessage Xml(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
}
