namespace Actors;

/// <summary>The request conflicts with existing data.</summary>
public sealed class ConflictException(string message) : GrainException(message)
{
    public override GrainErrorKind Kind => GrainErrorKind.Conflict;
}
