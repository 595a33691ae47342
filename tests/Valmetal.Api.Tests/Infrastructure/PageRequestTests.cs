using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Tests.Infrastructure;

public sealed class PageRequestTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, PageRequest.MaxPageSize)]
    [InlineData(PageRequest.MaxPage, PageRequest.MaxPageSize)]
    public void Pages_within_the_limits_are_valid_and_their_offset_fits(int page, int pageSize)
    {
        var request = new PageRequest(page, pageSize);

        Assert.True(request.Validate(new Validation()).IsValid);
        Assert.Equal((long)(page - 1) * pageSize, request.Skip);
    }

    [Theory]
    [InlineData(0, 50, "page")]
    [InlineData(-1, 50, "page")]
    [InlineData(int.MinValue, 50, "page")]
    [InlineData(PageRequest.MaxPage + 1, 50, "page")]
    [InlineData(int.MaxValue, PageRequest.MaxPageSize, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, -5, "pageSize")]
    [InlineData(1, PageRequest.MaxPageSize + 1, "pageSize")]
    [InlineData(1, int.MaxValue, "pageSize")]
    public void Pages_outside_the_limits_name_the_offending_value(int page, int pageSize, string field)
    {
        var validation = new PageRequest(page, pageSize).Validate(new Validation());

        Assert.False(validation.IsValid);
        Assert.Equal([field], validation.Errors.Keys);
        Assert.Contains("between 1 and", validation.Errors[field][0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_the_first_page_of_fifty()
    {
        var request = new PageRequest();

        Assert.Equal((1, 50, 0), (request.Page, request.PageSize, request.Skip));
    }
}
