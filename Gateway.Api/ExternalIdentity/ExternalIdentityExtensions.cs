using Gateway.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.ExternalIdentity;

internal static class ExternalIdentityExtensions
{
    /// <summary>The algorithms accepted from external providers: asymmetric only, so that no shared secret is involved.</summary>
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public static string SchemeName(int index) => $"External{index}";

    /// <summary>
    /// One JwtBearer scheme per configured external issuer (<c>Authentication:ExternalIssuers</c>, counted at start-up).
    /// ASP.NET Core's bearer handler reads the issuer's discovery document and JWKS through Microsoft.IdentityModel's
    /// ConfigurationManager (cached, refreshed periodically and when a token names an unknown kid).
    /// </summary>
    public static AuthenticationBuilder AddExternalIssuers(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var services = authentication.Services;
        services.AddOptions<ExternalIdentityOptions>().BindConfiguration(ExternalIdentityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExternalIdentityOptions>, ExternalIdentityOptionsValidator>();

        var count = configuration.GetSection(ExternalIdentityOptions.IssuersPath).GetChildren().Count();
        for (var index = 0; index < count; index++)
        {
            var position = index;
            authentication.AddJwtBearer(SchemeName(position));
            services.AddOptions<JwtBearerOptions>(SchemeName(position))
                .Configure<IOptions<ExternalIdentityOptions>, IOptions<JwtOptions>>(
                    (options, external, jwt) => Configure(options, external.Value.ExternalIssuers[position], jwt.Value));
        }

        return authentication;
    }

    private static void Configure(JwtBearerOptions options, ExternalIssuerOptions issuer, JwtOptions jwt)
    {
        options.MetadataAddress = issuer.MetadataAddressOrDefault;
        options.RequireHttpsMetadata = issuer.RequireHttpsMetadata;
        options.Audience = issuer.Audience;
        options.BackchannelTimeout = TimeSpan.FromSeconds(10);
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer.Issuer,
            ValidAudience = issuer.Audience,
            ValidAlgorithms = Algorithms,

            // The key named by the token's kid in the provider's JWKS, and no other.
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = jwt.ClockSkew,
        };
        options.Events = ExternalBearerEvents.Create(issuer.Issuer);
    }
}
