namespace Gateway.Api.ServiceAccounts;

/// <summary>Service clients (OAuth2 client credentials), bound from the "ServiceAccounts" section.</summary>
public sealed class ServiceAccountOptions
{
    public const string SectionName = "ServiceAccounts";

    /// <summary>Lifetime of a client's access token; there is no refresh token: the client asks again.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsValid() => AccessTokenLifetime > TimeSpan.Zero && AccessTokenLifetime <= TimeSpan.FromHours(1);
}
