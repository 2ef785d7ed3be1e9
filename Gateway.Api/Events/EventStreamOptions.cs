namespace Gateway.Api.Events;

/// <summary>The gateway's live event streams (configuration section "EventStreams").</summary>
public sealed class EventStreamOptions
{
    public const string SectionName = "EventStreams";

    /// <summary>An idle stream gets a comment line this often, so that proxies keep it open.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Events a connection may fall behind by; past this the connection is closed and the client resumes
    /// from its cursor, so that a slow reader never holds up senders or other readers.
    /// </summary>
    public int ConnectionBuffer { get; set; } = 256;

    /// <summary>
    /// How often the gateway renews its subscription to each user with open streams, and checks that it
    /// missed nothing: after a silo failure, live events resume within this time.
    /// </summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    internal bool IsValid() => KeepAliveInterval > TimeSpan.Zero && ConnectionBuffer > 0 && RenewInterval > TimeSpan.Zero;
}
