namespace Grains.Storage;

/// <summary>The one serializer of grain state, for whichever provider stores it.</summary>
internal static class GrainStateSerialization
{
    public static JsonGrainStateSerializer Create() => new(GrainsStateJsonContext.Default);
}
