namespace Grains.Interfaces;

/// <summary>
/// Base of the errors a grain throws on purpose. Orleans carries them back to the caller, across
/// processes, with their type, message and field errors intact; the gateway maps each type to a status.
/// </summary>
[GenerateSerializer]
public abstract class DomainException : Exception
{
    protected DomainException(string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Errors = errors is null ? null : new Dictionary<string, string[]>(errors, StringComparer.Ordinal);
    }

    /// <summary>Field errors, for validation failures: field name to messages.</summary>
    [Id(0)]
    public Dictionary<string, string[]>? Errors { get; private set; }
}
