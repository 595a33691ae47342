using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Features.Broker;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// A command or configuration the API could not send to the broker is a 503 to retry, not a 500: the request was
/// right, the link to the devices is down for now (<see cref="DevicePublisher"/>).
/// </summary>
public sealed class BrokerUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(BrokerUnavailableExceptionHandler));

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        exception is BrokerUnavailableException
        && await QueryTimeoutExceptionHandler.WriteUnavailableAsync(problemDetails, httpContext, exception, Text["Title"], Text["Detail"]);
}
