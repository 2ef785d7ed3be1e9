namespace Actors;

/// <summary>Put on a grain constructor parameter of type <see cref="IGrainJournal{TPayload}"/> to name its journal.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class JournalAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
