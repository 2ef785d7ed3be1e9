namespace Actors.Hosting;

/// <summary>The active silos as this process sees them (silo or client), for readiness checks.</summary>
public interface IClusterView
{
    /// <summary>Ids of the silos this process would route grain calls to.</summary>
    IReadOnlyList<string> ActiveSiloIds { get; }
}
