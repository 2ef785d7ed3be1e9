namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway over a data directory the test owns (left in place on dispose) whose bootstrap admin is
/// <paramref name="adminUsername"/> (none when null), so that restarts with another configuration can be tested.
/// </summary>
public sealed class BootstrapGatewayFactory(string dataDirectory, string signingKey, string? adminUsername, string adminPassword)
    : GatewayFactory(signingKey)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Messaging:DataDirectory"] = dataDirectory,
        ["Messaging:Bootstrap:AdminUsername"] = adminUsername ?? "",
        ["Messaging:Bootstrap:AdminPassword"] = adminPassword,
    };
}
