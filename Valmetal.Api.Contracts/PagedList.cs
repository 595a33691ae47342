namespace Valmetal.Api.Contracts;

/// <summary>One page of a list, with the total the filters matched so clients can show page counts.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
