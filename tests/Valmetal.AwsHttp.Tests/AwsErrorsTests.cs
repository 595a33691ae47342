using System.Net;
using Polly;

namespace Valmetal.AwsHttp.Tests;

public sealed class AwsErrorsTests
{
    private static readonly Dictionary<string, string> NoHeaders = new(StringComparer.OrdinalIgnoreCase);

    [Theory]
    [InlineData("UserNotFoundException", "UserNotFoundException")]
    [InlineData("com.amazonaws.cognito.identity.idp.model#UserNotFoundException", "UserNotFoundException")]
    [InlineData("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/", "ValidationException")]
    [InlineData("aws.protocoltests#FooError:http://internal.amazon.com/", "FooError")]
    public void Codes_lose_their_namespace_and_suffix(string sent, string bare) => Assert.Equal(bare, AwsErrors.Sanitize(sent));

    [Fact]
    public void Json_errors_name_themselves_in_type_with_the_request_id_from_the_header()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-amzn-RequestId"] = "req-1" };
        var error = AwsErrors.FromJson(400, headers, """{"__type":"com.amazonaws#NotAuthorizedException","message":"Incorrect username or password."}""");

        Assert.Equal(new AwsError("NotAuthorizedException", "Incorrect username or password.", 400, "req-1"), error with { Body = null });
        Assert.Equal("Incorrect username or password.", (string?)error.Body?["message"]);
    }

    [Fact]
    public void Json_errors_without_a_type_fall_back_to_the_header_then_to_the_status()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-amzn-ErrorType"] = "ThrottlingException:http://x" };
        Assert.Equal("ThrottlingException", AwsErrors.FromJson(400, headers, """{"Message":"Rate exceeded"}""").Code);
        Assert.Equal("Rate exceeded", AwsErrors.FromJson(400, headers, """{"Message":"Rate exceeded"}""").Message);
        Assert.Equal(new AwsError("UnknownError", "Bad Gateway", 502, null), AwsErrors.FromJson(502, NoHeaders, "<html>bad gateway</html>", "Bad Gateway"));
        Assert.Equal("TooManyRequestsException", AwsErrors.FromJson(429, NoHeaders, "").Code);
    }

    [Fact]
    public void Rest_json_errors_prefer_the_error_type_header()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-amzn-ErrorType"] = "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.iot/",
            ["x-amzn-RequestId"] = "req-2",
        };
        var error = AwsErrors.FromRestJson(404, headers, """{"message":"Thing feeder-001 cannot be found."}""");

        Assert.Equal(new AwsError("ResourceNotFoundException", "Thing feeder-001 cannot be found.", 404, "req-2"), error);
        Assert.Equal("InvalidRequestException", AwsErrors.FromRestJson(400, NoHeaders, """{"code":"InvalidRequestException","message":"m"}""").Code);
    }

    [Fact]
    public void Query_errors_are_read_from_the_xml_envelope()
    {
        const string body = """
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: TopicArn</Message></Error>
              <RequestId>9b2f6c3e-0000-4000-8000-000000000000</RequestId>
            </ErrorResponse>
            """;
        var error = AwsErrors.FromQuery(400, NoHeaders, body);

        Assert.Equal(new AwsError("InvalidParameter", "Invalid parameter: TopicArn", 400, "9b2f6c3e-0000-4000-8000-000000000000"), error);
        Assert.Equal(new AwsError("UnknownError", "Service Unavailable", 503, null), AwsErrors.FromQuery(503, NoHeaders, "not xml", "Service Unavailable"));
    }

    [Theory]
    [InlineData(true, HttpStatusCode.ServiceUnavailable, "", true)]
    [InlineData(true, HttpStatusCode.TooManyRequests, "", true)]
    [InlineData(true, HttpStatusCode.BadRequest, """{"__type":"TooManyRequestsException"}""", true)]
    [InlineData(true, HttpStatusCode.BadRequest, """{"__type":"InvalidParameterException"}""", false)]
    [InlineData(true, HttpStatusCode.NotFound, "", false)]
    [InlineData(false, HttpStatusCode.ServiceUnavailable, "", false)]
    [InlineData(false, HttpStatusCode.BadRequest, """{"__type":"TooManyRequestsException"}""", false)]
    public async Task Only_idempotent_requests_are_retried_and_only_for_throttling_or_server_errors(bool idempotent, HttpStatusCode status, string body, bool retried)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://cognito-idp.ca-central-1.amazonaws.com/");
        if (idempotent)
        {
            request.MarkIdempotent();
        }

        using var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        Assert.Equal(retried, await AwsRetryRule.ShouldRetryAsync(request, Outcome.FromResult(response)));
    }

    [Fact]
    public async Task A_lost_connection_is_retried_only_for_idempotent_requests()
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "https://cognito-idp.ca-central-1.amazonaws.com/");
        using var read = new HttpRequestMessage(HttpMethod.Post, "https://cognito-idp.ca-central-1.amazonaws.com/");
        read.MarkIdempotent();
        var lost = Outcome.FromException<HttpResponseMessage>(new HttpRequestException("connection reset"));

        Assert.False(await AwsRetryRule.ShouldRetryAsync(create, lost));
        Assert.True(await AwsRetryRule.ShouldRetryAsync(read, lost));
    }
}
