namespace Gateway.Api.Validation;

/// <summary>Collects validation messages per field, in the shape of a problem's <c>errors</c> member.</summary>
public sealed class FieldErrors
{
    public const string RequiredMessage = "This field is required.";

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Records <see cref="RequiredMessage"/> when the value is missing; returns whether it was present.</summary>
    public bool Require<T>(string field, T? value)
    {
        if (value is null)
        {
            Add(field, RequiredMessage);
            return false;
        }

        return true;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
