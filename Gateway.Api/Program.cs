using Gateway.Api.Accounts;
using Gateway.Api.Admin;
using Gateway.Api.Auth;
using Gateway.Api.Conversations;
using Gateway.Api.Events;
using Gateway.Api.Hardening;
using Gateway.Api.Health;
using Gateway.Api.Hosting;
using Gateway.Api.Hubs;
using Gateway.Api.Json;
using Gateway.Api.Messages;
using Gateway.Api.OpenApi;
using Gateway.Api.Problems;
using Gateway.Api.RateLimiting;
using Gateway.Api.ServiceAccounts;
using Gateway.Api.Sessions;
using Gateway.Api.Tokens;
using Gateway.Api.Users;
using Gateway.Api.WebClient;

var builder = WebApplication.CreateBuilder(args);

// Grains: a co-hosted silo over SQLite in the embedded default (Messaging:Mode).
builder.AddMessagingBackend();

// The wire format: snake_case JSON, RFC 3339 UTC timestamps with milliseconds.
builder.Services.AddGatewayJson();

// Every error is a problem (RFC 9457): bad input keeps its 4xx, grain errors map to 403/404/400/409, failed calls to 503.
builder.Services.AddGatewayProblems();

// JWT bearer validation pinned to our keys, algorithm, issuer and audience, plus configured external OIDC issuers; the token service; the current user.
builder.Services.AddGatewayAuthentication(builder.Configuration);

// Cluster-wide throttling (throttle grains): failed logins and registrations per address, sends per user; the account lockout's settings.
builder.Services.AddGatewayRateLimiting();

// Service clients (OAuth2 client credentials): admins create them, they exchange a secret for a scoped token.
builder.Services.AddServiceAccounts();

// Live events: per-user feeds from the user grains (Orleans observers) to Server-Sent Events, and browser tickets.
builder.Services.AddGatewayEvents();
builder.Services.AddGatewayHub();

// Account rules the gateway applies: which usernames register as admins.
builder.Services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.SectionName);

// Administration: the bootstrap admin, the audit recorder, and the short cache of each user's activation and role.
builder.Services.AddGatewayAdmin();

// The OpenAPI document and the health checks for orchestrators.
builder.Services.AddGatewayOpenApi();
builder.Services.AddGatewayHealthChecks();

// Trusted proxies (loopback, plus Forwarding:KnownProxies/KnownNetworks) may name the client's address and scheme.
builder.Services.AddGatewayForwarding(builder.Configuration);

// Security headers, HSTS, and CORS (closed unless Cors:AllowedOrigins lists origins).
builder.Services.AddGatewayHardening();

var app = builder.Build();

// The client as the trusted proxy saw it, before throttling and links use its address and scheme.
app.UseForwardedHeaders();

// Browser protections on every response, errors included; CORS preflights answered here.
app.UseGatewayHardening();

// Problems for exceptions and bodiless error statuses; oversize bodies refused before anything reads them.
app.UseGatewayProblems();

// The web client at / (static files under a strict Content-Security-Policy); needs no token.
app.UseWebClient();

// Who is calling, then whether they may; a service client's token only where its scopes allow.
app.UseAuthentication();
app.UseAuthorization();
app.UseServiceClientScopes();

// The HTTP API of shared/api.md, one group per feature.
app.MapAccounts();
app.MapTokens();
app.MapUsers();
app.MapConversations();
app.MapParticipants();
app.MapMessages();
app.MapEvents();
app.MapGatewayHub();
app.MapAdmin();

// Service clients: the admins' routes and the OAuth2 token endpoint.
app.MapServiceAccounts();

// The web client's session routes: the refresh token in an HttpOnly cookie, only the access token for the page.
app.MapSessions();

// The public keys of RS256/ES256 tokens at /.well-known/jwks.json, for services that verify them on their own.
app.MapJwks();

// Operations: /openapi/v1.json, /swagger, /health/live, /health/ready.
app.MapGatewayOpenApi();
app.MapGatewayHealthChecks();

app.Run();
