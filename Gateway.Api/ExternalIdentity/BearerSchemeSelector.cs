using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.ExternalIdentity;

/// <summary>
/// The default authentication scheme: a policy scheme that hands a bearer token to the scheme of the external issuer
/// its (not yet validated) <c>iss</c> names, and every other request to this gateway's own bearer scheme. The
/// chosen scheme then validates everything, the issuer included, so a forged <c>iss</c> only picks who refuses it.
/// </summary>
internal static class BearerSchemeSelector
{
    public const string SchemeName = "BearerSelector";

    private const string BearerPrefix = "Bearer ";

    private static readonly JsonWebTokenHandler Reader = new();

    public static string Select(HttpContext context)
    {
        var issuers = context.RequestServices.GetRequiredService<IOptions<ExternalIdentityOptions>>().Value.ExternalIssuers;
        string authorization = context.Request.Headers.Authorization.ToString();
        if (issuers.Count > 0
            && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && IssuerOf(authorization[BearerPrefix.Length..].Trim()) is { Length: > 0 } issuer)
        {
            var index = issuers.FindIndex(external => string.Equals(external.Issuer, issuer, StringComparison.Ordinal));
            if (index >= 0)
            {
                return ExternalIdentityExtensions.SchemeName(index);
            }
        }

        return JwtBearerDefaults.AuthenticationScheme;
    }

    private static string? IssuerOf(string token)
    {
        if (!Reader.CanReadToken(token))
        {
            return null;
        }

        try
        {
            return Reader.ReadJsonWebToken(token).Issuer;
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }
}
