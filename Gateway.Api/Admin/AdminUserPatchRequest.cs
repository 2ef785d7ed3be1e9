using Gateway.Api.Validation;
using Grains.Interfaces;

namespace Gateway.Api.Admin;

/// <summary>PATCH /api/admin/users/{user_id}/: a field left out (or null) stays as it is.</summary>
public sealed record AdminUserPatchRequest(string? Role = null, bool? IsActive = null) : IValidatableRequest
{
    public void Validate(FieldErrors errors) => AdminParsing.Role("role", Role, errors);

    public UserRole? ParsedRole => AdminParsing.Role("role", Role, new FieldErrors());
}
