namespace Gateway.Api.ServiceAccounts;

/// <summary>Endpoint metadata: a service client's token may call the endpoint only when it has <see cref="Scope"/>.</summary>
public sealed record RequiredScope(string Scope);
