namespace Gateway.Api.Hosting;

/// <summary>Which reverse proxies are trusted to say who the client is, bound from the "Forwarding" section.</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Forwarding";

    /// <summary>Proxy addresses, besides loopback, whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public List<string> KnownProxies { get; } = [];

    /// <summary>Proxy networks in CIDR notation (e.g. 10.0.0.0/8 for a Kubernetes pod network).</summary>
    public List<string> KnownNetworks { get; } = [];
}
