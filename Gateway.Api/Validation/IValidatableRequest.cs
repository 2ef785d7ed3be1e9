namespace Gateway.Api.Validation;

/// <summary>
/// A request whose shape the gateway checks before any grain sees it: presence and syntax of fields
/// and query parameters. Domain rules (lengths, formats, uniqueness) stay with the grains.
/// </summary>
public interface IValidatableRequest
{
    /// <summary>Adds one entry per invalid field to <paramref name="errors"/>.</summary>
    void Validate(FieldErrors errors);
}
