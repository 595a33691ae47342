namespace Valmetal.Api.Security;

/// <summary>
/// Refuses callers whose account an admin disabled, and tokens that carry no platform role. A disabled user's
/// unexpired token must not keep working until it expires.
/// </summary>
public sealed class ActiveUserFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = await CurrentUser.BindAsync(context.HttpContext);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        if (user.Disabled || user.Role == Role.None)
        {
            return TypedResults.Problem(
                title: user.Disabled ? "Account disabled" : "No role",
                detail: user.Disabled ? "An administrator disabled this account." : "This account belongs to no platform role.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}
