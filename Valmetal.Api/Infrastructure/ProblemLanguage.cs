using Microsoft.Extensions.Localization;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// Problem details in the caller's language. The request's language comes from <c>Accept-Language</c>
/// (<see cref="RequestLanguages"/>); each title, detail and validation message the API writes is a resource text; and
/// the titles ASP.NET Core fills in for a bare status code ("Not Found", "One or more validation errors occurred.") are
/// swapped for ours as the problem is written.
/// </summary>
public static class ProblemLanguage
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(ProblemLanguage));

    private static readonly string? ValidationTitle = new HttpValidationProblemDetails().Title;

    public static IServiceCollection AddLocalizedProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = TranslateDefaultTitle);

    /// <summary>
    /// Goes before the exception handler and status code pages: a middleware that writes a problem as the request
    /// unwinds is in the request's culture only when it runs inside the one that set it.
    /// </summary>
    public static IApplicationBuilder UseRequestLanguage(this IApplicationBuilder app) =>
        app.UseRequestLocalization(RequestLanguages.Options());

    /// <summary>Our title for what ASP.NET Core calls a response of <paramref name="status"/>, if the API can answer it.</summary>
    public static string? DefaultTitle(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Text["BadRequest"],
        StatusCodes.Status401Unauthorized => Text["Unauthorized"],
        StatusCodes.Status403Forbidden => Text["Forbidden"],
        StatusCodes.Status404NotFound => Text["NotFound"],
        StatusCodes.Status405MethodNotAllowed => Text["MethodNotAllowed"],
        StatusCodes.Status406NotAcceptable => Text["NotAcceptable"],
        StatusCodes.Status408RequestTimeout => Text["RequestTimeout"],
        StatusCodes.Status409Conflict => Text["Conflict"],
        StatusCodes.Status410Gone => Text["Gone"],
        StatusCodes.Status412PreconditionFailed => Text["PreconditionFailed"],
        StatusCodes.Status413PayloadTooLarge => Text["ContentTooLarge"],
        StatusCodes.Status415UnsupportedMediaType => Text["UnsupportedMediaType"],
        StatusCodes.Status422UnprocessableEntity => Text["UnprocessableEntity"],
        StatusCodes.Status428PreconditionRequired => Text["PreconditionRequired"],
        StatusCodes.Status429TooManyRequests => Text["TooManyRequests"],
        StatusCodes.Status500InternalServerError => Text["ServerError"],
        StatusCodes.Status502BadGateway => Text["BadGateway"],
        StatusCodes.Status503ServiceUnavailable => Text["ServiceUnavailable"],
        StatusCodes.Status504GatewayTimeout => Text["GatewayTimeout"],
        _ => (string?)null,
    };

    private static void TranslateDefaultTitle(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status is not { } status || problem.Title is null)
        {
            return;
        }

        // The framework's own title for this problem, as it fills it in: a title of ours is never replaced.
        var framework = problem is HttpValidationProblemDetails ? ValidationTitle : TypedResults.Problem(statusCode: status).ProblemDetails.Title;
        if (problem.Title == framework)
        {
            problem.Title = problem is HttpValidationProblemDetails ? Text["ValidationFailed"] : DefaultTitle(status) ?? problem.Title;
        }
    }
}
