namespace Actors;

/// <summary>
/// Put on a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the runtime
/// supplies that grain's state, read before <see cref="Grain.OnActivateAsync"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    public string StateName { get; } = stateName;
}
