using System.Net;
using Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grains.Bench.Infrastructure;

/// <summary>
/// Silos in this process, each a generic host with <c>UseOrleans</c> on free loopback ports, joined by
/// Orleans' development clustering (the first silo keeps the membership table) and tuned as deployed
/// silos are (<see cref="ClusterTuning"/>), over a <see cref="BenchDatabase"/> of their own; and external
/// clients, each connected to one silo's gateway. Calls between silos and from clients cross loopback TCP
/// connections, as between processes.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private const string ClusterId = "grains-bench";

    private readonly List<IHost> _silos = [];
    private readonly List<int> _gatewayPorts = [];
    private readonly List<IHost> _clients = [];
    private readonly BenchDatabase _database;

    private BenchCluster(BenchDatabase database) => _database = database;

    /// <summary>
    /// Creates the storage, then starts <paramref name="silos"/> silos on it one after the other, each
    /// configured by <paramref name="configureSilo"/> besides the storage.
    /// </summary>
    public static async Task<BenchCluster> StartAsync(BenchStorage storage, int silos, Action<ISiloBuilder> configureSilo)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        ArgumentNullException.ThrowIfNull(configureSilo);
        var cluster = new BenchCluster(await BenchDatabase.CreateAsync(storage));
        try
        {
            IPEndPoint? primary = null;
            var ports = new HashSet<int>();
            for (var i = 0; i < silos; i++)
            {
                var siloPort = NewPort(ports);
                var gatewayPort = NewPort(ports);
                var builder = NewHostBuilder();
                builder.UseOrleans(silo =>
                {
                    silo.UseLocalhostClustering(siloPort, gatewayPort, primary, ClusterId, ClusterId);
                    ClusterTuning.ConfigureSilo(silo.Services, builder.Configuration);
                    cluster._database.ConfigureSilo(silo);
                    configureSilo(silo);
                });
                var host = builder.Build();
                cluster._silos.Add(host);
                cluster._gatewayPorts.Add(gatewayPort);
                await host.StartAsync();
                primary ??= new IPEndPoint(IPAddress.Loopback, siloPort);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo's own container.</summary>
    public IServiceProvider SiloServices(int silo) => _silos[silo].Services;

    /// <summary>Calls entering the cluster through this silo (not from inside a grain).</summary>
    public IGrainFactory SiloGrainFactory(int silo) => SiloServices(silo).GetRequiredService<IGrainFactory>();

    public SiloAddress SiloAddress(int silo) => SiloServices(silo).GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>
    /// Starts an external Orleans client (as the gateway runs in cluster mode) that knows only the gateway
    /// endpoint of <paramref name="silo"/>, so that every call enters the cluster there.
    /// </summary>
    public async Task<IClusterClient> ConnectClientAsync(int silo)
    {
        var builder = NewHostBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering([_gatewayPorts[silo]], ClusterId, ClusterId);
            ClusterTuning.ConfigureClient(client.Services, builder.Configuration);
        });
        var host = builder.Build();
        _clients.Add(host);
        await host.StartAsync();
        return host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>
    /// Stops the clients, then the silos, the first (which keeps the membership table) last, then deletes
    /// the storage.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_clients).Concat(Enumerable.Reverse(_silos)))
        {
            try
            {
                await host.StopAsync();
            }
            finally
            {
                host.Dispose();
            }
        }

        _clients.Clear();
        _silos.Clear();
        await _database.DisposeAsync();
    }

    // No configuration files or environment variables: a benchmark runs the same wherever it is started.
    // Warnings and errors reach the console, so that a failing silo is not silent, except two that every
    // silo start prints: the silo's note recommending server GC (this process uses workstation GC, as the
    // former benchmarks did) and the watchdog's first check, which reports the time since the machine
    // booted as a stall.
    private static HostApplicationBuilder NewHostBuilder()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole()
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error)
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        return builder;
    }

    private static int NewPort(HashSet<int> taken)
    {
        while (true)
        {
            var port = FreePort.On(IPAddress.Loopback);
            if (taken.Add(port))
            {
                return port;
            }
        }
    }
}
