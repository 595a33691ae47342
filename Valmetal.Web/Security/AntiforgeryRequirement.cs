using Microsoft.AspNetCore.Antiforgery;

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
                    : TypedResults.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "A valid antiforgery token is required.",
                        detail: "Reload the page and try again."));
}
