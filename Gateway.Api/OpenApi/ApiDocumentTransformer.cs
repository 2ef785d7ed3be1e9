using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.Api.OpenApi;

/// <summary>The document's description (the choices made where the contract is silent) and the bearer security scheme.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";

    private const string Description = """
        Messaging API: users, conversations and messages, served by Orleans grains (virtual actors).
        Shapes follow the Django REST Framework + SimpleJWT service this one replaces: snake_case JSON,
        `{count, next, previous, results}` pages, `{access, refresh}` token pairs.

        Choices where the contract is silent:
        - Every error is `application/problem+json` with `status`, `title` and `detail`; validation errors add
          `errors: {field: [messages]}`, also for unreadable JSON (the field is the JSON path, such as `participants[0]`).
        - Required fields that are missing or `null` give "This field is required."; unknown properties are ignored.
        - A request without a JSON body where one is expected is a 415 (no or wrong Content-Type) or a 400 (empty body).
        - `GET /api/users/` requires `username` (there is no listing of all users) and answers a page of zero or one.
        - `POST /api/conversations/` also accepts `participant_ids` in place of `participants` (the DRF service's name).
        - Timestamps in filters are RFC 3339; one without an offset is taken as UTC, and a space where the offset's `+`
          should be (an unencoded `+` in a URL) is read as `+`.
        - `participant` is the one repeatable query parameter; any other given twice is a 400.
          A `page` too large to exist is simply past the end (404).
        - Refresh tokens are JWTs with `token_type: refresh`, a family id (`fid`) and `jti`; each refresh gives a new refresh
          token valid for the full refresh lifetime. Access tokens carry `token_type: access`; neither kind is accepted as the other.
        - 401s carry `WWW-Authenticate: Bearer` on every route, the token routes included; a token that was presented and
          refused adds `error="invalid_token"`.
        - A grain that cannot be reached in time gives a 503 problem.
        - Login failures are throttled per client address and per account, message sends per user; see the README for limits.
        - Every token carries `kid`; an unknown `kid`, another algorithm than the configured one, or `alg: none` is a 401.
          With RS256/ES256, `GET /.well-known/jwks.json` publishes the public keys (current and previous); with HS256 it is a 404.
        - Access tokens of configured external OpenID Connect providers (RS256/ES256, their issuer and audience, keys from
          their discovery document's JWKS) are accepted too; their caller is a local user made at first sight from
          (issuer, `sub`), with no password. `POST /api/token/verify/` checks this gateway's own tokens only.
        - Responses carry `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer` and
          `Cache-Control: no-store`; cross-origin browser calls are refused unless the origin is configured.
        - The web client (static files at `/`) logs in through the browser session routes (`/api/session/`): the refresh token
          stays in an HttpOnly, SameSite=Strict cookie limited to those routes, the page gets the access token only, and every
          session route requires `Content-Type: application/json` (a cross-site form cannot send it; CORS preflights pass only for configured origins).
        - Live events: `GET /api/events/` is Server-Sent Events; cursors are decimal integers, one more per event of the user.
          A `Last-Event-ID` (or `?last_event_id=`) that is not a non-negative integer counts as no cursor; one never issued or
          past retention gets `resync`. `?close_after=N` (1-300 s) ends the response for clients that cannot read an endless one.
          A request that changed a conversation is answered once its event is stored in every participant's stream. A stream
          that falls more than 256 events behind is closed (the client resumes with its cursor). The SignalR hub
          `/hubs/messaging` calls the client method named as the event type with the data and the cursor, and offers
          `SendMessage` and `MarkRead`; only on its path is `?access_token=` accepted.
        """;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Messaging API";
        document.Info.Description = Description;
        document.AddComponent<IOpenApiSecurityScheme>(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/token/ (15 minutes by default), or one of a configured external OpenID Connect provider.",
        });
        return Task.CompletedTask;
    }
}
