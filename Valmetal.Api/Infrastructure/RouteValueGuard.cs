using Microsoft.Extensions.Localization;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// Path segments and query values reach database queries as parameters; a control character (such as an
/// encoded NUL) in one is refused here with a 400 instead of failing deep inside PostgreSQL.
/// </summary>
public sealed class RouteValueGuard : IEndpointFilter
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(Validation));

    public const int MaxValueLength = 512;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var values = request.RouteValues.Select(v => (v.Key, Value: v.Value?.ToString() ?? string.Empty))
            .Concat(request.Query.SelectMany(q => q.Value.Select(v => (q.Key, Value: v ?? string.Empty))));
        foreach (var (name, value) in values)
        {
            if (value.Length > MaxValueLength || value.Any(char.IsControl))
            {
                return ValueTask.FromResult<object?>(TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [name] = [Text["RouteValueRefused", MaxValueLength]],
                }));
            }
        }

        return next(context);
    }
}
