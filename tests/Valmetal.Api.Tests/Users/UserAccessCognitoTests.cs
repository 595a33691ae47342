using System.Net;
using Valmetal.Api.Features.Users;
using Valmetal.Api.Tests.Support;
using Valmetal.Identity;

namespace Valmetal.Api.Tests.Users;

/// <summary>
/// Invitation again, admin password reset and sign-out everywhere against AWS's documented answers. cognito-local
/// implements none of the three (it refuses AdminCreateUser with RESEND and has no AdminResetUserPassword or
/// AdminUserGlobalSignOut), so these canned answers and the request parity tests are what checks them here.
/// </summary>
public sealed class UserAccessCognitoTests
{
    private const string Email = "n@farm.test";

    [Fact]
    public async Task Each_operation_succeeds_on_AWSs_empty_answer()
    {
        var administration = new ScriptedCognito().Administration();

        await administration.ResendInvitationAsync(Email, CancellationToken.None);
        await administration.ResetPasswordAsync(Email, CancellationToken.None);
        await administration.SignOutEverywhereAsync(Email, CancellationToken.None);
    }

    [Fact]
    public async Task An_invitation_for_a_user_who_already_signed_in_is_a_409()
    {
        var cognito = new ScriptedCognito().Fail("AdminCreateUser", "UnsupportedUserStateException", "User is not in FORCE_CHANGE_PASSWORD state.");

        var error = await Assert.ThrowsAsync<CognitoUserStateException>(() => cognito.Administration().ResendInvitationAsync(Email, CancellationToken.None));

        Assert.Equal(409, (await ProblemResponse.HandleAsync<CognitoExceptionHandler>(error)).Status);
    }

    [Fact]
    public async Task A_reset_for_a_user_without_a_verified_address_is_a_400_naming_why()
    {
        const string Why = "Cannot reset password for the user as there is no registered/verified email or phone_number";
        var cognito = new ScriptedCognito().Fail("AdminResetUserPassword", "InvalidParameterException", Why);

        var error = await Assert.ThrowsAsync<CognitoInvalidParameterException>(() => cognito.Administration().ResetPasswordAsync(Email, CancellationToken.None));
        var (_, status, problem) = await ProblemResponse.HandleAsync<CognitoExceptionHandler>(error);

        Assert.Equal(400, status);
        Assert.Equal(Why, problem!["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("UserNotFoundException", 404)]
    [InlineData("TooManyRequestsException", 429)]
    [InlineData("NotAuthorizedException", 502)]
    public async Task A_sign_out_everywhere_Cognito_refuses_answers_its_problem(string type, int status)
    {
        var cognito = new ScriptedCognito().Fail("AdminUserGlobalSignOut", type, "what Cognito said");

        var error = await Assert.ThrowsAnyAsync<CognitoException>(() => cognito.Administration().SignOutEverywhereAsync(Email, CancellationToken.None));

        Assert.Equal(status, (await ProblemResponse.HandleAsync<CognitoExceptionHandler>(error)).Status);
    }

    [Fact]
    public async Task An_invitation_without_a_password_goes_by_e_mail_and_one_with_a_password_is_suppressed()
    {
        var cognito = new ScriptedCognito()
            .Answer("AdminGetUser", HttpStatusCode.BadRequest, """{"__type":"UserNotFoundException","message":"User does not exist."}""")
            .Answer("AdminCreateUser", HttpStatusCode.OK, """{"User":{"Username":"n@farm.test","Attributes":[{"Name":"sub","Value":"sub-1"}]}}""");

        await cognito.Administration().EnsureUserAsync(Email, null, CancellationToken.None);
        await cognito.Administration().EnsureUserAsync(Email, "Demo-Password-2026", CancellationToken.None);

        var created = cognito.Bodies("AdminCreateUser");
        Assert.Equal(2, created.Count);
        Assert.Null(created[0]["MessageAction"]);
        Assert.Equal("EMAIL", created[0]["DesiredDeliveryMediums"]![0]!.GetValue<string>());
        Assert.Equal("SUPPRESS", created[1]["MessageAction"]!.GetValue<string>());
    }
}
