using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.Api.Infrastructure;
using Valmetal.AwsHttp;
using Valmetal.AwsHttp.Timestream;

namespace Valmetal.Api.Tests;

/// <summary>With Timestream as the store, a read it does not answer is a 503 to retry, whatever Timestream said.</summary>
public sealed class TimestreamReadFailureTests
{
    [Theory]
    [InlineData("ThrottlingException", 429)]
    [InlineData("InternalServerException", 500)]
    [InlineData("AccessDeniedException", 403)]
    [InlineData("ValidationException", 400)]
    public async Task A_history_or_export_Timestream_did_not_answer_is_a_503_problem(string code, int status)
    {
        var thrown = TimestreamErrors.From(new AwsError(code, "from Timestream", status, "req-1"));
        await using var app = await TestHost.StartAsync([], builder => builder.Services.AddExceptionHandler<TimestreamExceptionHandler>(), app =>
        {
            app.UseExceptionHandler();
            app.MapGet("/history", IResult () => throw thrown);
        });
        using var client = app.Client(null);

        using var response = await client.GetAsync(new Uri("/history", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(QueryTimeoutExceptionHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The time-series store did not answer", problem.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain("from Timestream", problem.RootElement.GetRawText(), StringComparison.Ordinal);
    }
}
