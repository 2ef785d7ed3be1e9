namespace Actors.Hosting;

/// <summary>What a host can ask of the silo it runs, for readiness checks and tests.</summary>
public interface ISiloStatus
{
    /// <summary>This silo's id in the membership table.</summary>
    string SiloId { get; }

    /// <summary>The port of the grain endpoint, once started.</summary>
    int Port { get; }

    /// <summary>How many activations this silo holds now.</summary>
    int ActivationCount { get; }

    /// <summary>Whether the silo is started, listening, and active in its own view of the membership.</summary>
    bool IsServing { get; }
}
