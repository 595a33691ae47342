using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Tests.Localization;

/// <summary>
/// Refusals through the API's pipeline (its request language, problem details, guard, exception handler and status
/// code pages) are written in the caller's language: Québec French for any French, English otherwise.
/// </summary>
public sealed class ProblemLanguageTests
{
    public static TheoryData<string?, bool> Callers => new()
    {
        { "fr-CA", true },
        { "fr", true },
        { "fr-FR,en;q=0.5", true },
        { null, false },
        { "en-GB", false },
        { "de-DE,es;q=0.5", false },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task A_refused_query_value_answers_in_the_callers_language(string? acceptLanguage, bool french)
    {
        await using var app = await StartAsync();

        using var response = await SendAsync(app, "/api/farms?search=%00", acceptLanguage);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(french ? "Une ou plusieurs erreurs de validation sont survenues." : "One or more validation errors occurred.",
            problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(french ? "doit compter au plus 512 caractères, sans caractères de contrôle" : "must be at most 512 characters without control characters",
            problem.RootElement.GetProperty("errors").GetProperty("search")[0].GetString());
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task A_problem_written_by_an_exception_handler_answers_in_the_callers_language(string? acceptLanguage, bool french)
    {
        await using var app = await StartAsync();

        using var response = await SendAsync(app, "/api/slow", acceptLanguage);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(french ? "La requête a pris trop de temps" : "The query took too long", problem.RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task A_bare_status_code_gets_its_title_in_the_callers_language(string? acceptLanguage, bool french)
    {
        await using var app = await StartAsync();

        using var response = await SendAsync(app, "/api/nowhere", acceptLanguage);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(french ? "Introuvable" : "Not Found", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_title_of_the_apis_own_is_not_taken_for_the_default_one()
    {
        await using var app = await StartAsync();

        using var response = await SendAsync(app, "/api/stale", "fr-CA");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("Modifié par quelqu’un d’autre", problem.RootElement.GetProperty("title").GetString());
    }

    private static async Task<HttpResponseMessage> SendAsync(WebApplication app, string path, string? acceptLanguage)
    {
        using var client = app.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        return await client.SendAsync(request);
    }

    private static Task<WebApplication> StartAsync() =>
        TestHost.StartAsync([], builder => builder.Services.AddExceptionHandler<QueryTimeoutExceptionHandler>(), app =>
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            var api = app.MapGroup("api").AddEndpointFilter<RouteValueGuard>();
            api.MapGet("/farms", () => TypedResults.NoContent());
            api.MapGet("/stale", () => Concurrency.Stale());
            api.MapGet("/slow", IResult () =>
                throw new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled));
        });
}
