using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Valmetal.Identity;
using Valmetal.Web.Account;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Security;

namespace Valmetal.Web.Notifications;

/// <summary>
/// This browser's push subscription, between the page's script (js/push.js) and the API: the script posts it here
/// (same origin, with the antiforgery token), the web app registers it with the API as the signed-in user, since only
/// the server holds the user's token, and remembers it (<see cref="PushSubscriptionCookie"/>) so sign-out removes it.
/// </summary>
public static partial class PushSubscriptionEndpoint
{
    public const string Path = "/account/push-subscription";

    /// <summary>Sign-out waits this long at most for the API; the session ends either way.</summary>
    private static readonly TimeSpan SignOutTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapPushSubscription(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, RegisterAsync).RequireAuthorization().RequireAntiforgery();
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RegisterAsync(
        [FromBody] PushSubscriptionRequest subscription, HttpContext http, AuthenticationStateProvider authentication, NotificationsClient notifications)
    {
        RequestUser.Provide(authentication, http);
        var result = await notifications.SubscribeAsync(subscription, http.RequestAborted);
        if (result.Problem is { } problem)
        {
            // Passed on as the API worded it, so the page can say which part it refused.
            return TypedResults.Problem(new HttpValidationProblemDetails(problem.Errors.ToDictionary())
            {
                Status = problem.Status, Title = problem.Title, Detail = problem.Detail,
            });
        }

        PushSubscriptionCookie.Remember(http, subscription.Endpoint);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// At sign-out, before the user's tokens are revoked: the subscription this session registered stops receiving the
    /// user's alarms, whoever uses this browser next. A failure is logged and the sign-out goes on.
    /// </summary>
    internal static async Task ForgetAsync(HttpContext http, AuthenticationStateProvider authentication, NotificationsClient notifications, ILogger logger)
    {
        if (PushSubscriptionCookie.Endpoint(http) is not { } endpoint)
        {
            return;
        }

        PushSubscriptionCookie.Forget(http);
        RequestUser.Provide(authentication, http);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(SignOutTimeout);
        try
        {
            if ((await notifications.UnsubscribeAsync(endpoint, timeout.Token)).Problem is { } problem)
            {
                LogForgetFailed(logger, problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or CognitoException
            || (ex is OperationCanceledException && !http.RequestAborted.IsCancellationRequested))
        {
            // The script cancels the subscription at the push service as well (js/push.js); the user still signs out.
            LogForgetFailed(logger, ex.GetType().Name, ex.Message);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Sign-out could not remove this browser's push subscription at the API ({Reason}: {Message})")]
    private static partial void LogForgetFailed(ILogger logger, string reason, string message);
}
