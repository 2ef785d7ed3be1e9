namespace Actors.Runtime;

/// <summary>Who this silo is: its id, and the address it advertises once its endpoint is bound.</summary>
internal sealed class SiloIdentity(string siloId, string host)
{
    public string SiloId { get; } = siloId;

    public string Host { get; } = host;

    public int Port { get; set; }
}
