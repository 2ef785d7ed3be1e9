namespace Gateway.Api.ExternalIdentity;

/// <summary>An OpenID Connect provider (Keycloak realm, Auth0 tenant, Okta authorization server...) whose access tokens are accepted.</summary>
public sealed class ExternalIssuerOptions
{
    /// <summary>The provider's issuer, exactly as its tokens' <c>iss</c> and its discovery document say it.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The <c>aud</c> its access tokens must carry for this API (the API's identifier or client id at the provider).</summary>
    public string Audience { get; set; } = "";

    /// <summary>The discovery document; by default <c>{Issuer}/.well-known/openid-configuration</c>. Its <c>jwks_uri</c> gives the keys.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>HTTPS for the discovery document and keys; turn off only for a provider on loopback (tests, development).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string MetadataAddressOrDefault =>
        string.IsNullOrEmpty(MetadataAddress) ? Issuer.TrimEnd('/') + "/.well-known/openid-configuration" : MetadataAddress;
}
