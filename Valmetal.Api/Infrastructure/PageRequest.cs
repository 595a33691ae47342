using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Contracts;

namespace Valmetal.Api.Infrastructure;

/// <summary>
/// The page a caller asks of any paged list (<c>?page=&amp;pageSize=</c>), with one rule for every list: page 1 to
/// <see cref="MaxPage"/>, page size 1 to <see cref="MaxPageSize"/>. Handlers take it with <c>[AsParameters]</c>.
/// </summary>
public sealed record PageRequest(
    [property: FromQuery(Name = "page")] int Page = 1,
    [property: FromQuery(Name = "pageSize")] int PageSize = PageRequest.DefaultPageSize)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(Validation));

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// Offset paging reads and throws away every row before the page, so deep pages only get slower; 10,000 pages of
    /// 200 reach two million rows, past which a filter finds things faster. It also keeps the offset far below
    /// int.MaxValue, which page 2147483647 once overflowed into a negative OFFSET and a 500.
    /// </summary>
    public const int MaxPage = 10_000;

    /// <summary>Rows before this page; meaningful once <see cref="Validate"/> found no error.</summary>
    public int Skip => (Page - 1) * PageSize;

    public Validation Validate(Validation validation)
    {
        if (Page is < 1 or > MaxPage)
        {
            validation.Add("page", Text["PageOutOfRange", MaxPage]);
        }

        return PageSize is < 1 or > MaxPageSize ? validation.Add("pageSize", Text["OutOfRange", 1, MaxPageSize]) : validation;
    }
}

public static class PagingExtensions
{
    public static IQueryable<T> Page<T>(this IQueryable<T> query, PageRequest page) => query.Skip(page.Skip).Take(page.PageSize);

    /// <summary>The page <paramref name="page"/> asked for, with the total the filters matched.</summary>
    public static PagedList<T> ListOf<T>(this PageRequest page, IReadOnlyList<T> items, int total) => new(items, page.Page, page.PageSize, total);
}
