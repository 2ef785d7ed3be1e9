using Gateway.Api.Validation;

namespace Gateway.Api.Tokens;

/// <summary>POST /api/token/: a username, or an email, and a password.</summary>
public sealed record LoginRequest(string? Username, string? Password) : IValidatableRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Require("username", Username);
        errors.Require("password", Password);
    }
}
