using Gateway.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Api.Auth;

/// <summary><c>GET /.well-known/jwks.json</c>: the public keys of RS256/ES256 tokens, for services that verify them on their own.</summary>
internal static class JwksEndpoints
{
    /// <summary>Long enough to spare the gateway, short enough that a key added by a rotation is seen within minutes.</summary>
    private const string CacheControl = "public, max-age=300";

    public static RouteHandlerBuilder MapJwks(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/.well-known/jwks.json", GetKeySet)
            .AllowAnonymous()
            .WithTags("Tokens")
            .WithName("GetJsonWebKeySet")
            .WithSummary("The public keys that verify this gateway's tokens (JWK Set)")
            .WithDescription("With `Jwt:Algorithm` RS256 or ES256: the current key and the previous keys of a rotation, each with " +
                "`kid`, `kty`, `alg` and `use: sig` and only its public members. 404 with HS256, whose shared secret is never published. " +
                "Cacheable for 5 minutes.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static Results<Ok<JsonWebKeySetResponse>, ProblemHttpResult> GetKeySet(JwtSigningKey keys, HttpResponse response)
    {
        if (keys.PublicKeys.Count == 0)
        {
            return ApiProblems.NotFound("This gateway signs tokens with a shared secret (HS256): it has no public keys to publish.");
        }

        response.Headers.CacheControl = CacheControl;
        return TypedResults.Ok(JsonWebKeySetResponse.From(keys));
    }
}
