using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Valmetal.AwsHttp;
using Valmetal.AwsHttp.Ses;
using Valmetal.DeviceContract.Notifications;
using Valmetal.Notifier.Channels;
using Valmetal.Notifier.Sending;

namespace Valmetal.Notifier.Tests;

/// <summary>
/// What the sender does with each SES answer: a refusal that sending again cannot change gives the e-mail up
/// (<see cref="UndeliverableException"/>); throttling, a 5xx or a refused signature leaves it to be tried again.
/// </summary>
public sealed class SesEmailChannelTests
{
    private static readonly OutgoingNotification Message = new(
        Guid.Parse("0193a4c2-0000-7000-8000-000000000002"), "alarm-1:raised:marie:email", NotificationChannel.Email,
        "marie@ferme-beauregard.example", "Température élevée — Ferme Beauregard", "Mélangeur n°1 : 92,4 °C", 1, null, null);

    [Theory]
    [InlineData(400, "MessageRejected")]
    [InlineData(400, "MailFromDomainNotVerifiedException")]
    [InlineData(400, "BadRequestException")] // SES v2's answer to an address it cannot parse
    public async Task A_permanent_refusal_makes_the_e_mail_undeliverable(int status, string code)
    {
        var error = await Assert.ThrowsAsync<UndeliverableException>(() => Channel(status, code).SendAsync(Message, CancellationToken.None));

        Assert.Contains(code, error.Message, StringComparison.Ordinal);
        Assert.IsType<SesRejectedException>(error.InnerException);
    }

    [Theory]
    [InlineData(429, "TooManyRequestsException", typeof(SesThrottledException))]
    [InlineData(400, "LimitExceededException", typeof(SesThrottledException))]
    [InlineData(500, "InternalServiceErrorException", typeof(SesServiceException))]
    [InlineData(403, "AccessDeniedException", typeof(SesNotAuthorizedException))]
    public async Task Throttling_a_server_error_or_a_refused_role_is_left_to_be_tried_again(int status, string code, Type kind)
    {
        var error = await Record.ExceptionAsync(() => Channel(status, code).SendAsync(Message, CancellationToken.None));

        Assert.IsType(kind, error);
    }

    private static SesEmailChannel Channel(int status, string code) => new(
        new SesClient(new HttpClient(new SesAnswers(status, code)) { BaseAddress = new Uri("https://email.ca-central-1.amazonaws.com") }),
        Options.Create(new NotifierOptions { FromAddress = "alarms@notifications.valmetal.example" }));

    /// <summary>Answers every request with one SES v2 error: its name in <c>x-amzn-ErrorType</c>, a message in the body.</summary>
    private sealed class SesAnswers(int status, string code) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = new StringContent("""{"message":"refused"}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.Add(AwsErrors.ErrorTypeHeader, code);
            return Task.FromResult(response);
        }
    }
}
