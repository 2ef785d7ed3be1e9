namespace Gateway.Api.ServiceAccounts;

/// <summary>A client with its secret, answered once (creation, rotation): the secret is not stored in the clear.</summary>
public sealed record ClientCredentials(
    Guid ClientId,
    string ClientSecret,
    string Name,
    IReadOnlyList<string> Scopes,
    Guid BotUserId,
    string BotUsername,
    DateTimeOffset CreatedAt,
    DateTimeOffset SecretRotatedAt);
