namespace Actors;

/// <summary>
/// Names a grain interface's type in grain ids, placement and storage. The name is persisted:
/// never change it once data exists. Without it, the interface name less its leading "I" and
/// trailing "Grain" is used, lower-cased.
/// </summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
