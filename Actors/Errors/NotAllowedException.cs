namespace Actors;

/// <summary>The caller is known but not allowed to do this.</summary>
public sealed class NotAllowedException(string message) : GrainException(message)
{
    public override GrainErrorKind Kind => GrainErrorKind.NotAllowed;
}
