using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Valmetal.Api.Tests.Support;

/// <summary>Runs an exception handler as the API's pipeline does and reads back the problem details it wrote.</summary>
public static class ProblemResponse
{
    public static async Task<(bool Handled, int Status, JsonObject? Body)> HandleAsync<THandler>(Exception exception)
        where THandler : class, IExceptionHandler
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().AddSingleton<THandler>().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        var handled = await services.GetRequiredService<THandler>().TryHandleAsync(http, exception, CancellationToken.None);

        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        return (handled, http.Response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }
}
