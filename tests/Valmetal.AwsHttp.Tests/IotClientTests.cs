using System.Net;
using System.Text;
using Valmetal.Api.Features.DeviceIdentity.IotCore;

namespace Valmetal.AwsHttp.Tests;

/// <summary>IotClient reads answers shaped as the IoT API reference shows them, and sorts IoT's error shapes into kinds.</summary>
public sealed class IotClientTests
{
    [Fact]
    public async Task A_new_certificate_answers_its_id_arn_certificate_and_key()
    {
        var iot = Client(HttpStatusCode.OK, """
            {"certificateArn":"arn:aws:iot:ca-central-1:123456789012:cert/ab12","certificateId":"ab12",
             "certificatePem":"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
             "keyPair":{"PublicKey":"pub","PrivateKey":"-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n"}}
            """);

        var created = await iot.CreateKeysAndCertificateAsync(CancellationToken.None);

        Assert.Equal("ab12", created.CertificateId);
        Assert.Equal("arn:aws:iot:ca-central-1:123456789012:cert/ab12", created.CertificateArn);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", created.CertificatePem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", created.PrivateKeyPem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "ResourceNotFoundException", typeof(IotNotFoundException))]
    [InlineData(409, "ResourceAlreadyExistsException", typeof(IotAlreadyExistsException))]
    [InlineData(406, "CertificateStateException", typeof(IotConflictException))]
    [InlineData(409, "DeleteConflictException", typeof(IotConflictException))]
    [InlineData(400, "InvalidRequestException", typeof(IotInvalidRequestException))]
    [InlineData(429, "ThrottlingException", typeof(IotThrottledException))]
    [InlineData(410, "LimitExceededException", typeof(IotThrottledException))]
    [InlineData(401, "UnauthorizedException", typeof(IotNotAuthorizedException))]
    [InlineData(403, "AccessDeniedException", typeof(IotNotAuthorizedException))]
    [InlineData(503, "ServiceUnavailableException", typeof(IotServiceException))]
    public async Task Errors_named_in_the_error_type_header_become_their_kind(int status, string code, Type kind)
    {
        var iot = Client((HttpStatusCode)status, """{"message":"refused"}""", code + ":http://internal.amazon.com/coral/com.amazonaws.iot/");

        var error = await Assert.ThrowsAnyAsync<IotException>(() => iot.DeleteThingAsync("VM-FM-29901", CancellationToken.None));

        Assert.IsType(kind, error);
        Assert.Equal(code, error.Code);
        Assert.Equal("refused", error.AwsMessage);
        Assert.Equal("req-9", error.RequestId);
    }

    [Fact]
    public async Task An_answer_without_the_endpoint_is_a_service_error_not_a_null()
    {
        var iot = Client(HttpStatusCode.OK, "{}");

        var error = await Assert.ThrowsAsync<IotServiceException>(() => iot.DescribeEndpointAsync("iot:Data-ATS", CancellationToken.None));

        Assert.Equal("UnreadableResponse", error.Code);
    }

    [Fact]
    public async Task No_connection_is_a_service_error_the_api_can_answer_not_a_transport_exception()
    {
        var refusing = new CapturingHandler((_, _) => throw new HttpRequestException("Connection refused (iot.test:443)"));
        var iot = new IotClient(new HttpClient(refusing) { BaseAddress = new Uri("https://iot.test") });

        var error = await Assert.ThrowsAsync<IotServiceException>(() => iot.DeleteThingAsync("VM-FM-29901", CancellationToken.None));

        Assert.Equal("Unreachable", error.Code);
        Assert.Equal(502, IotExceptionHandler.ToProblem(error).Status);
    }

    private static IotClient Client(HttpStatusCode status, string body, string? errorType = null)
    {
        var capture = new CapturingHandler((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-9");
            if (errorType is not null)
            {
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
            }

            return response;
        });
        return new IotClient(new HttpClient(capture) { BaseAddress = new Uri("https://iot.test") });
    }
}
