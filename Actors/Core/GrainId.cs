namespace Actors;

/// <summary>The identity of a grain: its type name and its key. A grain always exists logically.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
