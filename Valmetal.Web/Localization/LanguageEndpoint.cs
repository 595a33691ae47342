using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Valmetal.Web.Account;
using Valmetal.Web.ApiClient;
using Valmetal.Web.Security;

namespace Valmetal.Web.Localization;

/// <summary>
/// The header's language switch: a form post (with the antiforgery token) that keeps the choice in the language
/// cookie and goes back to the page it came from. Only a local path is followed, so the form cannot send anyone away.
/// </summary>
public static partial class LanguageEndpoint
{
    public const string Path = "/account/language";

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpContext http, ILoggerFactory loggers, IStringLocalizerFactory localizers,
            [Microsoft.AspNetCore.Mvc.FromForm] string? language, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            if (!Languages.IsSupported(language))
            {
                var text = localizers.Create(typeof(LanguageEndpoint));
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: text["UnknownLanguage"],
                    detail: text["LanguageMustBe", string.Join(", ", Languages.All)]);
            }

            Languages.Remember(http, language!);
            if (http.User.Identity?.IsAuthenticated == true)
            {
                // Saved, the choice follows the user to every browser; if the API cannot take it now, this browser keeps it.
                try
                {
                    RequestUser.Provide(http.RequestServices.GetRequiredService<AuthenticationStateProvider>(), http);
                    var saved = await http.RequestServices.GetRequiredService<ValmetalApiClient>().SaveLanguageAsync(language!, http.RequestAborted);
                    if (saved.Problem is { } refused)
                    {
                        LogNotSaved(loggers.CreateLogger(typeof(LanguageEndpoint)), (System.Net.HttpStatusCode)refused.Status, refused.Message);
                    }
                }
                catch (HttpRequestException ex)
                {
                    LogNotSaved(loggers.CreateLogger(typeof(LanguageEndpoint)), ex.StatusCode, ex.Message);
                }
            }

            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().RequireAntiforgery();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The language chosen was kept in this browser but not saved ({Status}): {Reason}")]
    private static partial void LogNotSaved(ILogger logger, System.Net.HttpStatusCode? status, string reason);

    private static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= 2048 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
