using System.Diagnostics.CodeAnalysis;
using Gateway.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Api.Tokens;

/// <summary>What a login or a refresh ended with: a new token pair, or the problem to answer instead.</summary>
public sealed class TokenGrant
{
    private TokenGrant(TokenPair? tokens, ProblemHttpResult? problem)
    {
        Tokens = tokens;
        Problem = problem;
    }

    public TokenPair? Tokens { get; }

    public ProblemHttpResult? Problem { get; }

    [MemberNotNullWhen(true, nameof(Tokens))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Tokens is not null;

    public static TokenGrant Granted(TokenPair tokens) => new(tokens, null);

    public static TokenGrant Refused(ProblemHttpResult problem) => new(null, problem);
}
