namespace Grains.Interfaces;

/// <summary>
/// Who an external identity provider says the caller is, from a validated access token: the issuer and subject
/// (which identify the person there), and the claims a local user is made from at first sight.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ExternalProfile(
    [property: Id(0)] string Issuer,
    [property: Id(1)] string Subject,
    [property: Id(2)] string? PreferredUsername,
    [property: Id(3)] string? Email,
    [property: Id(4)] bool EmailVerified,
    [property: Id(5)] string? FirstName,
    [property: Id(6)] string? LastName);
