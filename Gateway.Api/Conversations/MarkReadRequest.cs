using Gateway.Api.Validation;

namespace Gateway.Api.Conversations;

/// <summary>PUT /api/conversations/{id}/read/. The conversation grain checks that the seq exists.</summary>
public sealed record MarkReadRequest(long? Seq) : IValidatableRequest
{
    public void Validate(FieldErrors errors)
    {
        if (Seq is null)
        {
            errors.Add("seq", "This field is required.");
        }
        else if (Seq < 1)
        {
            errors.Add("seq", "The seq must be a positive integer.");
        }
    }
}
