using Gateway.Api.Validation;

namespace Gateway.Api.Tokens;

/// <summary>POST /api/token/refresh/ and /api/token/blacklist/.</summary>
public sealed record RefreshRequest(string? Refresh) : IValidatableRequest
{
    public void Validate(FieldErrors errors) => errors.Require("refresh", Refresh);
}
