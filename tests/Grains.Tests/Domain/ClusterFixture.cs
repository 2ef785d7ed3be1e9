using System.Globalization;
using System.Text.Json;
using Actors;
using Actors.Storage;
using Actors.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Domain;

/// <summary>A 3-silo cluster over SQLite hosting the messaging grains, shared by the domain test collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Short, so that a lockout test can wait it out.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromSeconds(2);

    /// <summary>Short, so that a test can wait for a stale reservation to become reclaimable.</summary>
    public static readonly TimeSpan ReservationReclaimAge = TimeSpan.FromSeconds(1);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Client => Cluster.Client;

    /// <summary>One factory per silo: calls that enter the cluster through that silo.</summary>
    public IReadOnlyList<IGrainFactory> SiloFactories => [.. Cluster.Silos.Select(s => s.GrainFactory)];

    public async Task InitializeAsync() =>
        Cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = 3,
            ConfigureServices = services =>
            {
                services.AddMessagingGrains();

                // Hashing at production cost would make every registration take a tenth of a second.
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
                services.Configure<UserGrainOptions>(o => o.LockoutDuration = LockoutDuration);
                services.Configure<NameReservationOptions>(o => o.ReclaimAge = ReservationReclaimAge);
            },
        });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>
    /// A user's state as stored now, bypassing any activation, with its row version (the SQLite store's
    /// ETag counts the writes).
    /// </summary>
    public async Task<(UserState State, long Version)> ReadStoredUserAsync(Guid userId)
    {
        var store = Cluster.Silos[0].Services.GetRequiredService<IGrainStateStore>();
        var record = await store.ReadAsync("user.user", userId.ToString(), CancellationToken.None);
        return record?.Payload is { } payload
            ? (JsonSerializer.Deserialize(payload, GrainsStateJsonContext.Default.UserState)!, long.Parse(record.ETag, CultureInfo.InvariantCulture))
            : (new UserState(), 0);
    }
}
