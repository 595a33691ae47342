using Microsoft.AspNetCore.Http;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Tests.Infrastructure;

/// <summary>If-Match carries back the ETag a read gave (<see cref="Concurrency.ETag"/>): anything else is stale or missing.</summary>
public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData("\"42\"", 42u)]
    [InlineData("W/\"42\"", 42u)]
    [InlineData("  \"42\"  ", 42u)]
    [InlineData("42", 42u)]
    [InlineData("\"4294967295\"", uint.MaxValue)]
    public void The_version_a_read_gave_is_read_back(string header, uint expected)
    {
        Assert.True(Concurrency.TryReadIfMatch(With(header), out var version, out var error));
        Assert.Equal(expected, version);
        Assert.Null(error);
    }

    [Fact]
    public void An_etag_round_trips()
    {
        Assert.True(Concurrency.TryReadIfMatch(With(Concurrency.ETag(7)), out var version, out _));
        Assert.Equal(7u, version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_write_without_if_match_is_told_it_is_required(string? header)
    {
        Assert.False(Concurrency.TryReadIfMatch(With(header), out _, out var error));
        Assert.Equal(StatusCodes.Status428PreconditionRequired, error!.StatusCode);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"abc\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"+1\"")]
    [InlineData("\"4294967296\"")]
    [InlineData("\"1\", \"2\"")]
    public void Anything_but_one_version_is_stale_and_never_matches(string header)
    {
        Assert.False(Concurrency.TryReadIfMatch(With(header), out _, out var error));
        Assert.Equal(StatusCodes.Status412PreconditionFailed, error!.StatusCode);
    }

    private static DefaultHttpContext With(string? ifMatch)
    {
        var http = new DefaultHttpContext();
        if (ifMatch is not null)
        {
            http.Request.Headers.IfMatch = ifMatch;
        }

        return http;
    }
}
