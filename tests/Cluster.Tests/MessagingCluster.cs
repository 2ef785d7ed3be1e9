using System.Security.Cryptography;

namespace Cluster.Tests;

/// <summary>Silo and gateway processes over one PostgreSQL database, all on loopback.</summary>
public sealed class MessagingCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private readonly List<ServiceProcess> _silos = [];
    private readonly List<ServiceProcess> _gateways = [];
    private int _siloNumber;
    private int _gatewayNumber;

    private MessagingCluster(string connectionString) => _connectionString = connectionString;

    public IReadOnlyList<ServiceProcess> Silos => _silos;

    public IReadOnlyList<ServiceProcess> Gateways => _gateways;

    public static async Task<MessagingCluster> StartAsync(string connectionString, int silos, int gateways)
    {
        var cluster = new MessagingCluster(connectionString);
        try
        {
            // The first silo applies the schema; the others then start side by side.
            await cluster.AddSiloAsync();
            await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(_ => cluster.AddSiloAsync()));
            await Task.WhenAll(Enumerable.Range(0, gateways).Select(_ => cluster.AddGatewayAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<ServiceProcess> AddSiloAsync()
    {
        var silo = await ServiceProcess.StartAsync($"silo-{Interlocked.Increment(ref _siloNumber)}", "Silo", new Dictionary<string, string>
        {
            ["Messaging__Storage"] = "postgres",
            ["Messaging__ConnectionString"] = _connectionString,
            ["Silo__Port"] = "0",
        });
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    public async Task<ServiceProcess> AddGatewayAsync()
    {
        var gateway = await ServiceProcess.StartAsync($"gateway-{Interlocked.Increment(ref _gatewayNumber)}", "Gateway.Api", new Dictionary<string, string>
        {
            ["Messaging__Mode"] = "cluster",
            ["Messaging__Storage"] = "postgres",
            ["Messaging__ConnectionString"] = _connectionString,
            ["Jwt__SigningKey"] = _signingKey,
        });
        lock (_gateways)
        {
            _gateways.Add(gateway);
        }

        return gateway;
    }

    /// <summary>What every process printed, for a failing test's message.</summary>
    public string Logs() =>
        string.Join("\n", _silos.Concat(_gateways).Select(p => $"===== {p.Name}\n{Tail(p.Output)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _gateways.Concat(_silos))
        {
            await process.DisposeAsync();
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
