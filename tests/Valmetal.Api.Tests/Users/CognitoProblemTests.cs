using System.Net;
using Valmetal.Api.Features.Users;
using Valmetal.Api.Tests.Support;
using Valmetal.Identity;

namespace Valmetal.Api.Tests.Users;

/// <summary>What an admin's client gets when Cognito refuses or fails a user operation: never a 500.</summary>
public sealed class CognitoProblemTests
{
    private const string NotFound = """{"__type":"UserNotFoundException","message":"User does not exist."}""";
    private const string Created = """{"User":{"Username":"n@farm.test","Attributes":[{"Name":"sub","Value":"sub-1"}]}}""";

    [Theory]
    [InlineData("UsernameExistsException", 409)]
    [InlineData("AliasExistsException", 409)]
    [InlineData("InvalidPasswordException", 400)]
    [InlineData("InvalidParameterException", 400)]
    [InlineData("LimitExceededException", 429)]
    [InlineData("TooManyRequestsException", 429)]
    [InlineData("UserNotFoundException", 404)]
    [InlineData("UnsupportedUserStateException", 409)]
    [InlineData("NotAuthorizedException", 502)]
    [InlineData("ResourceNotFoundException", 502)]
    [InlineData("InternalErrorException", 502)]
    [InlineData("CodeDeliveryFailureException", 502)]
    [InlineData("NoSuchThingYetException", 502)]
    public async Task Each_cognito_error_answers_its_problem(string type, int status)
    {
        var cognito = new ScriptedCognito().Fail("AdminDisableUser", type, "what Cognito said");

        var error = await Assert.ThrowsAnyAsync<CognitoException>(() => cognito.Administration().SetEnabledAsync("n@farm.test", false, CancellationToken.None));
        var (handled, written, problem) = await ProblemResponse.HandleAsync<CognitoExceptionHandler>(error);

        Assert.True(handled);
        Assert.Equal(status, written);
        Assert.Equal(status, problem!["status"]!.GetValue<int>());
        Assert.Equal(type, problem["cognitoError"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
    }

    [Fact]
    public async Task A_password_the_pool_refuses_is_a_400_with_the_pools_reason()
    {
        var cognito = new ScriptedCognito()
            .Answer("AdminGetUser", HttpStatusCode.BadRequest, NotFound)
            .Answer("AdminCreateUser", HttpStatusCode.OK, Created)
            .Fail("AdminSetUserPassword", "InvalidPasswordException", "Password does not conform to policy: Password must have symbol characters");

        var error = await Assert.ThrowsAsync<CognitoInvalidPasswordException>(() =>
            cognito.Administration().EnsureUserAsync("n@farm.test", "longbutplainpassword", CancellationToken.None));
        var (_, status, problem) = await ProblemResponse.HandleAsync<CognitoExceptionHandler>(error);

        Assert.Equal(400, status);
        Assert.Contains("symbol characters", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_created_by_someone_else_meanwhile_is_a_409()
    {
        var cognito = new ScriptedCognito()
            .Answer("AdminGetUser", HttpStatusCode.BadRequest, NotFound)
            .Fail("AdminCreateUser", "UsernameExistsException", "An account with the given email already exists.");

        var error = await Assert.ThrowsAsync<CognitoAlreadyExistsException>(() =>
            cognito.Administration().EnsureUserAsync("n@farm.test", null, CancellationToken.None));

        Assert.Equal(409, (await ProblemResponse.HandleAsync<CognitoExceptionHandler>(error)).Status);
    }

    [Fact]
    public async Task An_unreachable_user_pool_is_a_503_to_retry_that_does_not_leak_the_address()
    {
        var cognito = new ScriptedCognito().Unreachable("AdminAddUserToGroup");

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() =>
            cognito.Administration().SetGroupAsync("n@farm.test", CognitoGroups.Farmers, CancellationToken.None));
        var (_, status, problem) = await ProblemResponse.HandleAsync<CognitoExceptionHandler>(error);

        Assert.Equal(503, status);
        Assert.DoesNotContain("cognito.test", problem!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_user_without_a_sub_is_an_upstream_failure()
    {
        var cognito = new ScriptedCognito()
            .Answer("AdminGetUser", HttpStatusCode.BadRequest, NotFound)
            .Answer("AdminCreateUser", HttpStatusCode.OK, """{"User":{"Username":"n@farm.test","Attributes":[]}}""");

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() =>
            cognito.Administration().EnsureUserAsync("n@farm.test", null, CancellationToken.None));

        Assert.Equal(502, (await ProblemResponse.HandleAsync<CognitoExceptionHandler>(error)).Status);
    }

    [Fact]
    public async Task Other_exceptions_are_left_to_the_next_handler()
    {
        var (handled, _, _) = await ProblemResponse.HandleAsync<CognitoExceptionHandler>(new InvalidOperationException("not ours"));

        Assert.False(handled);
    }
}
