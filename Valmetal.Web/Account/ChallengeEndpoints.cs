using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Valmetal.Identity;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Security;

namespace Valmetal.Web.Account;

/// <summary>
/// The answer to a sign-in step Cognito asked for: an invited user's own password, or the code of their
/// authenticator app. The step itself comes from <see cref="PendingChallenge"/>, never from the form.
/// </summary>
public static class ChallengeEndpoints
{
    /// <summary>The longest code accepted, an authenticator's or an e-mailed one.</summary>
    public const int MaxCodeLength = 16;

    public static IEndpointRouteBuilder MapChallengeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("account").AllowAnonymous().RequireAntiforgery()
            .MapPost("signin/answer", AnswerAsync).RequireSignInRateLimits();
        return app;
    }

    private static async Task<IResult> AnswerAsync(
        [FromForm] string? answer,
        [FromForm] string? repeat,
        HttpContext http,
        SignInClient cognito,
        ValmetalApiClient api,
        PendingChallenge pending,
        IOptions<CognitoOptions> options)
    {
        if (pending.Read(http) is not { } inProgress)
        {
            return AccountEndpoints.Failed(SignInErrors.Expired, "/", null);
        }

        var (challenge, back) = inProgress;

        var page = AccountEndpoints.ChallengePage(challenge.Name);
        var newPassword = challenge.Name == SignInChallenges.NewPasswordRequired;
        var limit = newPassword ? AccountEndpoints.MaxPasswordLength : MaxCodeLength;
        if (string.IsNullOrEmpty(answer) || answer.Length > limit)
        {
            return Again(page, SignInErrors.Missing);
        }

        if (newPassword && answer != repeat)
        {
            return Again(page, SignInErrors.PasswordsDiffer);
        }

        SignInStep step;
        try
        {
            step = await cognito.AnswerAsync(options.Value.ClientId, challenge, newPassword ? answer : answer.Trim(), http.RequestAborted);
        }
        catch (CognitoInvalidPasswordException)
        {
            return Again(page, SignInErrors.Policy);
        }
        catch (CognitoInvalidParameterException ex) when (ex.Type is "CodeMismatchException" or "ExpiredCodeException")
        {
            return Again(page, SignInErrors.WrongCode);
        }
        catch (CognitoException ex)
        {
            // Cognito's session lapsed or was used up (NotAuthorizedException), or a refusal of its own: start again.
            pending.Clear(http);
            var code = ex is CognitoNotAuthorizedException ? SignInErrors.Expired : SignInErrors.FromCognito(ex);
            return AccountEndpoints.Failed(code, back, null);
        }
        catch (HttpRequestException)
        {
            return Again(page, SignInErrors.Unavailable);
        }

        return await AccountEndpoints.ContinueAsync(step, back, null, http, api, pending);
    }

    private static IResult Again(string page, string error) => Results.LocalRedirect($"{page}?error={error}");
}
