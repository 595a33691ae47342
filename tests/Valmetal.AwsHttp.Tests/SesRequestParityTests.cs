using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.AwsHttp.Ses;

namespace Valmetal.AwsHttp.Tests;

/// <summary>
/// SesClient's SendEmail against @aws-sdk/client-sesv2's for the same French alarm e-mail (REST-JSON, JSON compared
/// after parsing), sent through the client as the notifier registers it, so the credential scope (region and the
/// signing name <c>ses</c>) is compared too. SES's errors are read as the SES v2 API reference shows them
/// (<c>x-amzn-ErrorType</c>, a body with only a message) and sorted by <see cref="SesErrors"/>.
/// </summary>
public sealed class SesRequestParityTests
{
    private const string From = "alarms@notifications.valmetal.example";
    private const string To = "marie@ferme-beauregard.example";
    private const string Subject = "Température élevée — Ferme Beauregard";
    private const string Text = "Mélangeur n°1 : température du moteur 92,4 °C (critique), depuis 3 h 05.\nhttps://connect.valmetal.example/alarms/1";

    [Fact]
    public async Task Our_e_mail_equals_the_AWS_SDKs_signed_for_ses_and_a_renamed_charset_changed_path_or_signing_name_is_caught()
    {
        var theirs = await SdkParity.SendTheirsAsync("sesv2", [("SendEmail", new JsonObject
        {
            ["FromEmailAddress"] = From,
            ["Destination"] = new JsonObject { ["ToAddresses"] = new JsonArray(To) },
            ["Content"] = new JsonObject
            {
                ["Simple"] = new JsonObject
                {
                    ["Subject"] = new JsonObject { ["Data"] = Subject, ["Charset"] = "UTF-8" },
                    ["Body"] = new JsonObject { ["Text"] = new JsonObject { ["Data"] = Text, ["Charset"] = "UTF-8" } },
                },
            },
        })]);
        var capture = new CapturingHandler((_, _) => Json(HttpStatusCode.OK, """{"MessageId":"0101019a1b2c3d4e-5f6a7b8c-0000-4000-8000-000000000000-000000"}"""));
        await using var services = Registered(capture);

        var messageId = await services.GetRequiredService<SesClient>().SendEmailAsync(From, To, Subject, Text, CancellationToken.None);

        Assert.Equal("0101019a1b2c3d4e-5f6a7b8c-0000-4000-8000-000000000000-000000", messageId);
        var ours = SdkParity.FromOurs("SendEmail", capture.Received[0].Request, capture.Received[0].Body);
        SdkParity.AssertSame(theirs, [ours]);
        Assert.Equal("ca-central-1/ses/aws4_request", ours.SigningScope); // signed, so the scope was compared
        Assert.NotEmpty(SdkParity.Differences(theirs[0], ours.WithBodyMemberRenamed("Content.Simple.Subject.Charset", "Encoding")));
        Assert.NotEmpty(SdkParity.Differences(theirs[0], ours with { Path = "/v1/email/outbound-emails" }));
        Assert.NotEmpty(SdkParity.Differences(theirs[0], ours with { SigningScope = "ca-central-1/sesv2/aws4_request" }));
    }

    // The messages are the SES v2 API reference's descriptions of each error, MessageRejected's as the sandbox words it.
    [Theory]
    [InlineData(400, "MessageRejected", "Email address is not verified. The following identities failed the check in region CA-CENTRAL-1: marie@ferme-beauregard.example", typeof(SesRejectedException))]
    [InlineData(400, "MailFromDomainNotVerifiedException", "The message can't be sent because the sending domain isn't verified.", typeof(SesRejectedException))]
    [InlineData(400, "BadRequestException", "The input you provided is invalid.", typeof(SesRejectedException))]
    [InlineData(400, "SendingPausedException", "The message can't be sent because the account's ability to send email is currently paused.", typeof(SesRejectedException))]
    [InlineData(400, "AccountSuspendedException", "The message can't be sent because the account's ability to send email has been permanently restricted.", typeof(SesRejectedException))]
    [InlineData(404, "NotFoundException", "The resource you attempted to access doesn't exist.", typeof(SesRejectedException))]
    [InlineData(429, "TooManyRequestsException", "Too many requests have been made to the operation.", typeof(SesThrottledException))]
    [InlineData(400, "LimitExceededException", "There are too many instances of the specified resource type.", typeof(SesThrottledException))]
    [InlineData(403, "AccessDeniedException", "User is not authorized to perform: ses:SendEmail", typeof(SesNotAuthorizedException))]
    [InlineData(500, "InternalServiceErrorException", "The request couldn't be processed because an error occurred with the Amazon SES API v2.", typeof(SesServiceException))]
    public async Task Errors_named_in_x_amzn_ErrorType_become_their_kind(int status, string code, string message, Type kind)
    {
        // SES qualifies the header's name with a documentation URL after a colon; the body carries only the message.
        var error = await SendAgainstAsync(status, $"{code}:http://internal.amazon.com/coral/com.amazonaws.sesv2/", $$"""{"message":"{{message}}"}""");

        Assert.IsType(kind, error);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.AwsMessage);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("a6c1f3d2-0000-4000-8000-000000000000", error.RequestId);
    }

    [Fact]
    public async Task A_throttle_without_a_name_or_a_proxy_s_page_are_tried_again_not_given_up()
    {
        var throttled = await SendAgainstAsync(429, null, "");
        var proxy = await SendAgainstAsync(502, null, "<html><body>Bad Gateway</body></html>");

        Assert.IsType<SesThrottledException>(throttled);
        Assert.Equal("TooManyRequestsException", throttled.Code);
        Assert.IsType<SesServiceException>(proxy);
        Assert.Equal("UnknownError", proxy.Code);
    }

    private static async Task<SesException> SendAgainstAsync(int status, string? errorType, string body)
    {
        var capture = new CapturingHandler((_, _) =>
        {
            var response = Json((HttpStatusCode)status, body);
            response.Headers.Add("x-amzn-RequestId", "a6c1f3d2-0000-4000-8000-000000000000");
            if (errorType is not null)
            {
                response.Headers.Add(AwsErrors.ErrorTypeHeader, errorType);
            }

            return response;
        });
        using var http = new HttpClient(capture) { BaseAddress = new Uri("https://email.ca-central-1.amazonaws.com") };
        return await Assert.ThrowsAnyAsync<SesException>(() => new SesClient(http).SendEmailAsync(From, To, Subject, Text, CancellationToken.None));
    }

    /// <summary>SesClient as the notifier registers it (signed by AddSesClient), with fixed keys and clock, ending at <paramref name="capture"/>.</summary>
    private static ServiceProvider Registered(CapturingHandler capture)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAwsCredentialSource>(new StaticCredentialSource(new AwsKeys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));
        services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 12, 2, 8, 5, 0, TimeSpan.Zero)));
        services.AddAwsHttp(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Aws:Region"] = "ca-central-1" }).Build());
        services.AddSesClient(_ => new Uri("https://email.ca-central-1.amazonaws.com/")).ConfigurePrimaryHttpMessageHandler(() => capture);
        return services.BuildServiceProvider();
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
