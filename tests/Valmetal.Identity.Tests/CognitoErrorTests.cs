using System.Net;
using System.Text.Json.Nodes;

namespace Valmetal.Identity.Tests;

/// <summary>Every error the user pool API can answer reaches callers as one of a few exception kinds.</summary>
public sealed class CognitoErrorTests
{
    [Theory]
    [InlineData("UsernameExistsException", typeof(CognitoAlreadyExistsException))]
    [InlineData("AliasExistsException", typeof(CognitoAlreadyExistsException))]
    [InlineData("InvalidPasswordException", typeof(CognitoInvalidPasswordException))]
    [InlineData("PasswordHistoryPolicyViolationException", typeof(CognitoInvalidPasswordException))]
    [InlineData("InvalidParameterException", typeof(CognitoInvalidParameterException))]
    [InlineData("UserLambdaValidationException", typeof(CognitoInvalidParameterException))]
    [InlineData("LimitExceededException", typeof(CognitoThrottledException))]
    [InlineData("TooManyRequestsException", typeof(CognitoThrottledException))]
    [InlineData("TooManyFailedAttemptsException", typeof(CognitoThrottledException))]
    [InlineData("UserNotFoundException", typeof(CognitoUserNotFoundException))]
    [InlineData("UserNotConfirmedException", typeof(CognitoUserStateException))]
    [InlineData("UnsupportedUserStateException", typeof(CognitoUserStateException))]
    [InlineData("NotAuthorizedException", typeof(CognitoNotAuthorizedException))]
    [InlineData("AccessDeniedException", typeof(CognitoNotAuthorizedException))]
    [InlineData("InternalErrorException", typeof(CognitoServiceException))]
    [InlineData("ResourceNotFoundException", typeof(CognitoServiceException))]
    [InlineData("InvalidLambdaResponseException", typeof(CognitoServiceException))]
    [InlineData("SomethingNewException", typeof(CognitoServiceException))]
    public async Task Error_answers_throw_their_kind_with_type_and_message(string type, Type expected)
    {
        var cognito = CannedCognito.Error("com.amazonaws.cognito.identity.idp.model#" + type, "what Cognito said");

        var error = await Assert.ThrowsAnyAsync<CognitoException>(() => CallAsync(cognito));

        Assert.IsType(expected, error);
        Assert.Equal((type, "what Cognito said", 400), (error.Type, error.CognitoMessage, error.StatusCode));
        Assert.Equal(["AWSCognitoIdentityProviderService.AdminGetUser"], cognito.Targets);
    }

    [Fact]
    public async Task The_error_type_header_names_the_error_when_the_body_does_not()
    {
        var cognito = new CannedCognito(HttpStatusCode.BadRequest, """{"message":"Password did not conform with policy"}""");
        cognito.Headers["x-amzn-ErrorType"] = "InvalidPasswordException:http://internal.amazon.com/coral/com.amazonaws.cognito/";

        var error = await Assert.ThrowsAsync<CognitoInvalidPasswordException>(() => CallAsync(cognito));

        Assert.Equal("InvalidPasswordException", error.Type);
        Assert.Equal("Password did not conform with policy", error.CognitoMessage);
    }

    [Fact]
    public async Task An_unnamed_429_is_throttling()
    {
        var cognito = new CannedCognito(HttpStatusCode.TooManyRequests, "{}");

        await Assert.ThrowsAsync<CognitoThrottledException>(() => CallAsync(cognito));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>", "text/html")]
    [InlineData(HttpStatusCode.InternalServerError, "[1,2]", "application/json")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "", "text/plain")]
    public async Task An_error_page_that_is_not_cognito_json_is_a_service_failure(HttpStatusCode status, string body, string contentType)
    {
        var cognito = new CannedCognito(status, body, contentType);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => CallAsync(cognito));

        Assert.Equal((int)status, error.StatusCode);
    }

    [Fact]
    public async Task A_success_that_is_not_a_json_object_is_a_service_failure()
    {
        var cognito = new CannedCognito(HttpStatusCode.OK, "<html>maintenance</html>", "text/html");

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => CallAsync(cognito));

        Assert.Equal("UnreadableResponse", error.Type);
    }

    [Fact]
    public async Task A_success_returns_the_answer()
    {
        var cognito = new CannedCognito(HttpStatusCode.OK, """{"Username":"a@b.test","UserAttributes":[{"Name":"sub","Value":"s-1"}]}""");

        var user = await CallAsync(cognito);

        Assert.Equal("s-1", CognitoApiClient.Attribute(user, "sub"));
    }

    private static Task<JsonObject> CallAsync(CannedCognito cognito) =>
        cognito.Client().CallAsync("AdminGetUser", CognitoApiClient.Body(("UserPoolId", "pool"), ("Username", "a@b.test")), CancellationToken.None);
}
