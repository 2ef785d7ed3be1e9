using Gateway.Api.Problems;

namespace Gateway.Api.Validation;

/// <summary>Rejects a request with a 400 validation problem when any of its bound arguments is not well-formed.</summary>
internal sealed class ValidationFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        FieldErrors? errors = null;
        foreach (var argument in context.Arguments)
        {
            if (argument is IValidatableRequest request)
            {
                errors ??= new FieldErrors();
                request.Validate(errors);
            }
        }

        if (errors is { IsEmpty: false })
        {
            return ValueTask.FromResult<object?>(ApiProblems.Validation(errors.ToDictionary()));
        }

        return next(context);
    }
}
