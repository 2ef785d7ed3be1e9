namespace Grains.Interfaces;

/// <summary>The request is invalid (HTTP 400); <see cref="DomainException.Errors"/> names the fields.</summary>
[GenerateSerializer]
public sealed class InvalidRequestException(string message, IReadOnlyDictionary<string, string[]>? errors = null)
    : DomainException(message, errors)
{
    /// <summary>A validation failure of one field.</summary>
    public static InvalidRequestException ForField(string field, string message) =>
        new(message, new Dictionary<string, string[]> { [field] = [message] });
}
