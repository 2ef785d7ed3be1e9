using Gateway.Api.Validation;

namespace Gateway.Api.ServiceAccounts;

/// <summary>POST /api/admin/clients/.</summary>
public sealed record CreateClientRequest(string? Name, IReadOnlyList<string>? Scopes) : IValidatableRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Require("name", Name);
        if (Scopes is not { Count: > 0 })
        {
            errors.Add("scopes", "Give one or more scopes.");
        }
    }
}
