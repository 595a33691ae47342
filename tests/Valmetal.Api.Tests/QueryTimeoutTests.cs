using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Tests;

public sealed class QueryTimeoutTests
{
    public static TheoryData<string> Timeouts => ["statement_timeout", "client_timeout"];

    [Theory]
    [MemberData(nameof(Timeouts))]
    public async Task A_query_stopped_at_its_time_limit_is_a_503_problem_not_a_500(string kind)
    {
        Exception thrown = kind == "statement_timeout"
            ? new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled)
            : new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
        await using var app = await StartAsync(thrown);
        using var client = app.Client(null);

        using var response = await client.GetAsync(new Uri("/query", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(QueryTimeoutExceptionHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The query took too long", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Other_database_errors_are_not_dressed_up_as_timeouts()
    {
        await using var app = await StartAsync(new PostgresException("relation does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable));
        using var client = app.Client(null);

        using var response = await client.GetAsync(new Uri("/query", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private static Task<WebApplication> StartAsync(Exception thrown) =>
        TestHost.StartAsync([], builder => builder.Services.AddExceptionHandler<QueryTimeoutExceptionHandler>(), app =>
        {
            app.UseExceptionHandler();
            app.MapGet("/query", IResult () => throw thrown);
        });
}
