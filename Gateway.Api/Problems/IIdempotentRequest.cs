namespace Gateway.Api.Problems;

/// <summary>A request body that may say its grain call is safe to repeat (see <see cref="GrainErrorFilter"/>).</summary>
internal interface IIdempotentRequest
{
    bool IsIdempotent { get; }
}
