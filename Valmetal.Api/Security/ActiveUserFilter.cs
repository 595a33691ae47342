using Microsoft.Extensions.Localization;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Security;

/// <summary>
/// Refuses callers whose account an admin disabled, and tokens that carry no platform role. A disabled user's
/// unexpired token must not keep working until it expires.
/// </summary>
public sealed class ActiveUserFilter : IEndpointFilter
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(ActiveUserFilter));

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
                title: user.Disabled ? Text["Disabled"] : Text["NoRole"],
                detail: user.Disabled ? Text["DisabledDetail"] : Text["NoRoleDetail"],
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}
