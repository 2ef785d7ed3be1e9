using System.ComponentModel;
using Gateway.Api.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Api.Pagination;

/// <summary>The <c>page</c> and <c>page_size</c> query parameters every list takes; lists add their filters.</summary>
public abstract class PageParameters : IValidatableRequest
{
    [FromQuery(Name = "page")]
    [Description("1-based page number (default 1). A page past the end is a 404.")]
    public string? Page { get; init; }

    [FromQuery(Name = "page_size")]
    [Description("Items per page (default 20, at most 100; larger values are clamped).")]
    public string? PageSize { get; init; }

    /// <summary>The page asked for; call after <see cref="Validate"/> found the parameters well-formed.</summary>
    public PageRequest ToPageRequest() => PageRequest.Parse(Page, PageSize, new FieldErrors());

    public virtual void Validate(FieldErrors errors) => PageRequest.Parse(Page, PageSize, errors);
}
