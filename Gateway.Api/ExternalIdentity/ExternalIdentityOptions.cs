namespace Gateway.Api.ExternalIdentity;

/// <summary>External identity providers whose access tokens are accepted alongside this gateway's own, bound from "Authentication".</summary>
public sealed class ExternalIdentityOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The configuration path of the list, whose length fixes the authentication schemes at start-up.</summary>
    public const string IssuersPath = SectionName + ":" + nameof(ExternalIssuers);

    public List<ExternalIssuerOptions> ExternalIssuers { get; set; } = [];
}
