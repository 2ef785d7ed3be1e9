using Gateway.Api.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.Auth;

/// <summary>The key and algorithm that sign and verify every token of this gateway.</summary>
public sealed class JwtSigningKey
{
    public JwtSigningKey(IOptions<JwtOptions> jwt, IOptions<MessagingOptions> messaging, IHostEnvironment environment)
    {
        var options = jwt.Value;
        var material = options.SigningKey;
        if (string.IsNullOrEmpty(material) && environment.IsDevelopment())
        {
            material = DevelopmentKeyFile.ReadOrCreate(
                DevelopmentKeyFile.PathFor(messaging.Value.FullDataDirectory, options.Algorithm), options.Algorithm);
        }

        Algorithm = options.Algorithm;
        Key = SigningKeys.TryCreate(Algorithm, material ?? string.Empty, out var error)
            ?? throw new InvalidOperationException(error);
        Credentials = new SigningCredentials(Key, Algorithm);
    }

    public string Algorithm { get; }

    public SecurityKey Key { get; }

    public SigningCredentials Credentials { get; }
}
