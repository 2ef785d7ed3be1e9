using Gateway.Api.Pagination;

namespace Gateway.Api.ServiceAccounts;

/// <summary>The query of GET /api/admin/clients/: a page.</summary>
public sealed class ClientListParameters : PageParameters;
