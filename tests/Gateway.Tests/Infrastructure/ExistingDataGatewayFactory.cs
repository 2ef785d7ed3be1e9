namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway over a data directory the test owns (it is left in place on dispose), so that gateways can
/// open the same database one after another, signing with a given key.
/// </summary>
public sealed class ExistingDataGatewayFactory(string dataDirectory, string signingKey) : GatewayFactory(signingKey)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Messaging:DataDirectory"] = dataDirectory,

        // No bootstrap admin: the upgrade tests count exactly the users the former runtime stored.
        ["Messaging:Bootstrap:AdminUsername"] = "",
    };
}
