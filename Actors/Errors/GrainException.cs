namespace Actors;

/// <summary>
/// Base of the domain errors a grain throws on purpose. They travel back to the caller across silos
/// with their kind, message and field errors intact.
/// </summary>
public abstract class GrainException : Exception
{
    protected GrainException(string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Errors = errors;
    }

    public abstract GrainErrorKind Kind { get; }

    /// <summary>Field errors, for validation failures: field name to messages.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    /// <summary>Rebuilds a typed exception from its kind, as received from another silo.</summary>
    public static GrainException Create(GrainErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors) =>
        kind switch
        {
            GrainErrorKind.NotAllowed => new NotAllowedException(message),
            GrainErrorKind.NotFound => new NotFoundException(message),
            GrainErrorKind.Conflict => new ConflictException(message),
            _ => new InvalidRequestException(message, errors),
        };
}
