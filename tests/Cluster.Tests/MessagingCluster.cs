using System.Security.Cryptography;

namespace Cluster.Tests;

/// <summary>Orleans silo processes and gateway processes (Orleans clients) over one PostgreSQL database, all on loopback.</summary>
public sealed class MessagingCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private readonly List<ServiceProcess> _silos = [];
    private readonly List<ServiceProcess> _gateways = [];
    private int _siloNumber;
    private int _gatewayNumber;

    private MessagingCluster(string connectionString) => _connectionString = connectionString;

    public string ConnectionString => _connectionString;

    public IReadOnlyList<ServiceProcess> Silos => _silos;

    public IReadOnlyList<ServiceProcess> Gateways => _gateways;

    public static async Task<MessagingCluster> StartAsync(
        string connectionString, int silos, int gateways, IReadOnlyDictionary<string, string>? sharedSettings = null)
    {
        var cluster = new MessagingCluster(connectionString);
        foreach (var (key, value) in sharedSettings ?? new Dictionary<string, string>())
        {
            cluster.SharedSettings[key] = value;
        }

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

    /// <summary>Settings every process of this cluster gets besides its own (e.g. Transport__* for TLS).</summary>
    public Dictionary<string, string> SharedSettings { get; } = [];

    public async Task<ServiceProcess> AddSiloAsync(IDictionary<string, string>? settings = null)
    {
        var silo = await ServiceProcess.StartAsync($"silo-{Interlocked.Increment(ref _siloNumber)}", "Silo", With(settings, new Dictionary<string, string>
        {
            ["Messaging__Storage"] = "postgres",
            ["Messaging__ConnectionString"] = _connectionString,
            ["Silo__Port"] = "0",
            ["Silo__GatewayPort"] = "0",
        }));
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    public async Task<ServiceProcess> AddGatewayAsync(IDictionary<string, string>? settings = null)
    {
        var gateway = await ServiceProcess.StartAsync($"gateway-{Interlocked.Increment(ref _gatewayNumber)}", "Gateway.Api", With(settings, new Dictionary<string, string>
        {
            ["Messaging__Mode"] = "cluster",
            ["Messaging__ConnectionString"] = _connectionString,
            ["Jwt__SigningKey"] = _signingKey,
        }));
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

    private Dictionary<string, string> With(IDictionary<string, string>? overrides, Dictionary<string, string> settings)
    {
        foreach (var (key, value) in SharedSettings.Concat(overrides ?? new Dictionary<string, string>()))
        {
            settings[key] = value;
        }

        return settings;
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
