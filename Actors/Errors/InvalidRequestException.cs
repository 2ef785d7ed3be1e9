namespace Actors;

/// <summary>The request is invalid; <see cref="GrainException.Errors"/> names the fields.</summary>
public sealed class InvalidRequestException(string message, IReadOnlyDictionary<string, string[]>? errors = null)
    : GrainException(message, errors)
{
    public override GrainErrorKind Kind => GrainErrorKind.Invalid;

    /// <summary>A validation failure of one field.</summary>
    public static InvalidRequestException ForField(string field, string message) =>
        new(message, new Dictionary<string, string[]> { [field] = [message] });
}
