using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.Api.Infrastructure;
using Valmetal.Api.Tests.Support;

namespace Valmetal.Api.Tests.Infrastructure;

/// <summary>How a list endpoint binds <c>?page=&amp;pageSize=</c> through <c>[AsParameters]</c>, without a server.</summary>
public sealed class PageRequestBindingTests
{
    [Theory]
    [InlineData("", 1, 50)]
    [InlineData("?page=3&pageSize=20", 3, 20)]
    [InlineData("?PAGE=4&PAGESIZE=10", 4, 10)]
    [InlineData("?page=2147483647&pageSize=200", int.MaxValue, 200)]
    public async Task Query_values_bind_by_name_with_the_defaults_for_missing_ones(string query, int page, int pageSize)
    {
        var bound = await BindAsync(query);

        Assert.Equal(new PageRequest(page, pageSize), bound);
    }

    [Theory]
    [InlineData("?page=abc", "page")]
    [InlineData("?page=2147483648", "page")]
    [InlineData("?pageSize=1e400", "pageSize")]
    public async Task Values_that_are_not_integers_are_a_bad_request_naming_the_parameter(string query, string parameter)
    {
        var error = await Assert.ThrowsAsync<BadHttpRequestException>(() => BindAsync(query));
        var (handled, status, problem) = await ProblemResponse.HandleAsync<BadRequestExceptionHandler>(error);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(400, problem!["status"]!.GetValue<int>());
        Assert.StartsWith("must be a whole number", problem["errors"]![parameter]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<PageRequest?> BindAsync(string query)
    {
        PageRequest? bound = null;
        using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var endpoint = RequestDelegateFactory.Create(
            ([AsParameters] PageRequest page) =>
            {
                bound = page;
                return TypedResults.NoContent();
            },
            new RequestDelegateFactoryOptions { ServiceProvider = services, ThrowOnBadRequest = true });
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.QueryString = new QueryString(query);

        await endpoint.RequestDelegate(http);
        return bound;
    }
}
