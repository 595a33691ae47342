using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Valmetal.Web.Security;

/// <summary>
/// Refuses a state-changing request without a valid antiforgery token, also on endpoints that bind no form field:
/// the antiforgery middleware only records its verdict, and minimal APIs act on it only while binding a form.
/// </summary>
public static class AntiforgeryRequirement
{
    public static TBuilder RequireAntiforgery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(async (context, next) =>
                // No verdict at all means the middleware did not run: refused as well, so a misconfiguration fails closed.
                context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
                    ? await next(context)
                    : Refusal(context.HttpContext.RequestServices.GetRequiredService<IStringLocalizerFactory>().Create(typeof(AntiforgeryRequirement))));

    /// <summary>Said in the user's language: an expired form (a page left open overnight) is the usual cause.</summary>
    private static ProblemHttpResult Refusal(IStringLocalizer text) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: text["TokenRequired"], detail: text["ReloadAndRetry"]);
}
