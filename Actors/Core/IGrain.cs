namespace Actors;

/// <summary>Marker for grain interfaces. A grain interface derives from a keyed variant.</summary>
public interface IGrain;
