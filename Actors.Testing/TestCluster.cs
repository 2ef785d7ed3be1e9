using Actors.Hosting;
using Actors.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Testing;

/// <summary>
/// N silos in one process, each a separate host with its own loopback TCP endpoint and the real frame
/// transport between them, over one shared database; plus a cluster client. Silos can be added,
/// stopped gracefully or killed.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly List<TestSilo> _silos = [];
    private readonly string? _temporaryDirectory;
    private IHost? _client;
    private int _nextSilo;

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        if (options.ConfigureStorage is null)
        {
            _temporaryDirectory = Path.Combine(Path.GetTempPath(), $"actors-test-{Guid.NewGuid():N}");
            Directory.CreateDirectory(_temporaryDirectory);
            var connectionString = $"Data Source={Path.Combine(_temporaryDirectory, "cluster.db")}";
            options.ConfigureStorage = services => services.AddSqliteActorStorage(connectionString);
        }
    }

    /// <summary>The silos that are running now.</summary>
    public IReadOnlyList<TestSilo> Silos => [.. _silos.Where(s => s.IsRunning)];

    /// <summary>A cluster client: calls enter through whichever silo owns the grain.</summary>
    public IGrainFactory Client => _client!.Services.GetRequiredService<IGrainFactory>();

    public static async Task<TestCluster> StartAsync(TestClusterOptions options)
    {
        var cluster = new TestCluster(options);
        try
        {
            for (var i = 0; i < options.InitialSilos; i++)
            {
                await cluster.StartSiloAsync().ConfigureAwait(false);
            }

            cluster._client = cluster.BuildHost(services => services.AddClusterClient());
            await cluster._client.StartAsync().ConfigureAwait(false);
            await cluster.WaitForConvergenceAsync().ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts one more silo and waits until every member sees it.</summary>
    public async Task<TestSilo> StartSiloAsync()
    {
        var number = Interlocked.Increment(ref _nextSilo);
        var host = BuildHost(services => services.AddSilo(o =>
        {
            o.SiloId = $"silo-{number}-{Guid.NewGuid():N}"[..16];
            o.ListenAddress = "127.0.0.1";
            o.Port = 0;
            _options.ConfigureSilo(o);
        }));
        await host.StartAsync().ConfigureAwait(false);
        var silo = new TestSilo(host);
        _silos.Add(silo);
        if (_client is not null)
        {
            await WaitForConvergenceAsync().ConfigureAwait(false);
        }

        return silo;
    }

    /// <summary>Stops a silo gracefully: it leaves the cluster and deactivates (persists) its grains.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        silo.IsRunning = false;
        await silo.Host.StopAsync().ConfigureAwait(false);
        silo.Host.Dispose();
        await WaitForConvergenceAsync().ConfigureAwait(false);
    }

    /// <summary>Kills a silo: its endpoint and heartbeats stop at once, nothing is deactivated or written.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        silo.IsRunning = false;
        await ((SiloHost)silo.Status).KillAsync().ConfigureAwait(false);
        await silo.Host.StopAsync().ConfigureAwait(false);
        silo.Host.Dispose();
    }

    /// <summary>Waits until the client and every running silo see exactly the running silos as active.</summary>
    public async Task WaitForConvergenceAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var expected = Silos.Select(s => s.SiloId).Order(StringComparer.Ordinal).ToList();
        var members = Silos.Select(s => s.Services).Append(_client!.Services).ToList();
        while (true)
        {
            var converged = true;
            foreach (var services in members)
            {
                var view = services.GetRequiredService<MembershipView>();
                await view.RefreshAsync(CancellationToken.None).ConfigureAwait(false);
                converged &= view.Current.Silos.Select(s => s.Entry.SiloId).SequenceEqual(expected);
            }

            if (converged)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The cluster did not converge on silos {string.Join(", ", expected)}.");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            silo.IsRunning = false;
            await silo.Host.StopAsync().ConfigureAwait(false);
            silo.Host.Dispose();
        }

        if (_client is not null)
        {
            await _client.StopAsync().ConfigureAwait(false);
            _client.Dispose();
        }

        if (_temporaryDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_temporaryDirectory, recursive: true);
        }
    }

    private IHost BuildHost(Action<IServiceCollection> role)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure(_options.ConfigureMembership);
        builder.Services.Configure(_options.ConfigureGrainCalls);
        builder.Services.Configure(_options.ConfigureTransport);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        _options.ConfigureStorage!(builder.Services);
        _options.ConfigureServices(builder.Services);
        role(builder.Services);
        return builder.Build();
    }
}
