using Gateway.Api.Validation;

namespace Gateway.Api.Accounts;

/// <summary>POST /api/register/. The user grain checks the values; the gateway only that the required ones are there.</summary>
public sealed record RegisterRequest(string? Username, string? Email, string? Password, string? FirstName = null, string? LastName = null)
    : IValidatableRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Require("username", Username);
        errors.Require("email", Email);
        errors.Require("password", Password);
    }
}
