namespace Gateway.Api.Users;

/// <summary>PATCH /api/users/me/: a field left out (or null) stays as it is.</summary>
public sealed record UpdateProfileRequest(string? FirstName = null, string? LastName = null, string? Email = null);
