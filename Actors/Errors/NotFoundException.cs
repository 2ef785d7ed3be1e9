namespace Actors;

/// <summary>The target does not exist, or no longer does.</summary>
public sealed class NotFoundException(string message) : GrainException(message)
{
    public override GrainErrorKind Kind => GrainErrorKind.NotFound;
}
