namespace Gateway.Api.Pagination;

/// <summary>One page of a list, in DRF's shape: total count, absolute links to the neighbouring pages, the items.</summary>
public sealed record Page<T>(long Count, string? Next, string? Previous, IReadOnlyList<T> Results);
