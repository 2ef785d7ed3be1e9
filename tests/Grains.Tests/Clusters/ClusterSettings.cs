using Grains.Hosting;
using Microsoft.Extensions.Configuration;

namespace Grains.Tests.Clusters;

/// <summary>
/// What a test cluster's silos are told through its configuration (Orleans creates silo configurators by
/// type, so they cannot be handed values): which storage provider, and where.
/// </summary>
public sealed record ClusterSettings(string Provider, string ConnectionString)
{
    public const string ProviderKey = "MessagingTests:Storage";

    public const string ConnectionStringKey = "MessagingTests:ConnectionString";

    /// <summary>Short, so that a lockout test can wait it out.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromSeconds(2);

    /// <summary>Short, so that a test can wait for a stale reservation to become reclaimable.</summary>
    public static readonly TimeSpan ReservationReclaimAge = TimeSpan.FromSeconds(1);

    /// <summary>Few, and no minimum age, so that a test can see retention drop events.</summary>
    public const int RetainedEvents = 30;

    public MessagingStorageSettings Storage => new MessagingStorageSettings(Provider, ConnectionString).Validate();

    public static ClusterSettings From(IConfiguration configuration) =>
        new(
            configuration[ProviderKey] ?? throw new InvalidOperationException($"The test cluster's configuration lacks {ProviderKey}."),
            configuration[ConnectionStringKey] ?? throw new InvalidOperationException($"The test cluster's configuration lacks {ConnectionStringKey}."));

    public void WriteTo(IDictionary<string, string?> properties)
    {
        properties[ProviderKey] = Provider;
        properties[ConnectionStringKey] = ConnectionString;
    }
}
