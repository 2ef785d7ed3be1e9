using System.Net.Http.Headers;
using System.Text;
using Gateway.Api.Admin;
using Gateway.Api.Auth;
using Gateway.Api.RateLimiting;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans;

namespace Gateway.Api.ServiceAccounts;

/// <summary>
/// The client credentials grant (RFC 6749 §4.4): reads the form, authenticates the client (HTTP Basic or body
/// fields, §2.3.1), narrows the scopes and issues a short access token for the client's bot user. Failed client
/// authentications count with failed logins per client address. One method per outcome.
/// </summary>
internal sealed partial class ClientCredentialsFlow(
    IGrainFactory grains,
    TokenService tokens,
    ClusterThrottle throttle,
    AuditRecorder audit,
    IOptionsMonitor<ServiceAccountOptions> options,
    ILogger<ClientCredentialsFlow> logger)
{
    public const string GrantType = "client_credentials";

    public async Task<Results<Ok<OAuthTokenResponse>, JsonHttpResult<OAuthError>>> ExchangeAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return Refused(OAuthError.InvalidRequest, "The body must be application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var grant = form["grant_type"].ToString();
        if (grant.Length == 0)
        {
            return Refused(OAuthError.InvalidRequest, "grant_type is required.");
        }

        if (grant != GrantType)
        {
            return Refused(OAuthError.UnsupportedGrantType, "Only the client_credentials grant is supported.");
        }

        if (!TryReadClient(http.Request, form, out var clientId, out var secret, out var problem))
        {
            return Refused(OAuthError.InvalidRequest, problem);
        }

        var address = ClusterThrottle.AddressOf(http);
        if (await throttle.PeekLoginFailuresFromAsync(address) is { RetryAfter: not null })
        {
            return ClientRejected(http, clientId);
        }

        var client = clientId is { } id && secret is { Length: > 0 } ? await grains.GetGrain<IServiceClientGrain>(id).AuthenticateAsync(secret) : null;
        if (client is null)
        {
            await throttle.CountLoginFailureFromAsync(address);
            return ClientRejected(http, clientId);
        }

        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requested.Any(scope => !client.Scopes.Contains(scope, StringComparer.Ordinal)))
        {
            return ScopeRefused(client);
        }

        return await IssuedAsync(client, requested.Length == 0 ? client.Scopes : [.. requested.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The client's credentials from HTTP Basic or the body (not both: §2.3); false with a reason when malformed.</summary>
    private static bool TryReadClient(HttpRequest request, IFormCollection form, out Guid? clientId, out string? secret, out string problem)
    {
        (clientId, secret, problem) = (null, null, "");
        string? id;
        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            if (form.ContainsKey("client_secret") || !AuthenticationHeaderValue.TryParse(header, out var parsed)
                || !string.Equals(parsed.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || !TryDecodeBasic(parsed.Parameter, out id, out secret))
            {
                problem = "Authenticate the client one way: HTTP Basic with client_id:client_secret, or both in the body.";
                return false;
            }
        }
        else
        {
            (id, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        }

        clientId = Guid.TryParse(id, out var parsedId) ? parsedId : null;
        return true;
    }

    private static bool TryDecodeBasic(string? parameter, out string? id, out string? secret)
    {
        (id, secret) = (null, null);
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            // RFC 6749 §2.3.1: both parts are form-encoded before they are joined.
            (id, secret) = (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private async Task<Results<Ok<OAuthTokenResponse>, JsonHttpResult<OAuthError>>> IssuedAsync(ServiceClientView client, IReadOnlyList<string> scopes)
    {
        var bot = await grains.GetGrain<IUserGrain>(client.BotUserId).GetAsync();
        var lifetime = options.CurrentValue.AccessTokenLifetime;
        var token = tokens.CreateClientAccessToken(bot, client.ClientId, scopes, lifetime);
        LogIssued(client.ClientId, string.Join(' ', scopes));
        audit.Record(AuditEventTypes.ClientTokenIssued, client.BotUserId, detail: ClientEndpoints.ClientDetail(client with { Scopes = scopes }));
        return TypedResults.Ok(new OAuthTokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, string.Join(' ', scopes)));
    }

    /// <summary>An unknown or revoked client, a wrong secret, or an address over its failures: 401 invalid_client (§5.2).</summary>
    private JsonHttpResult<OAuthError> ClientRejected(HttpContext http, Guid? clientId)
    {
        LogRejected(clientId);
        audit.Record(AuditEventTypes.ClientAuthenticationFailed, null, detail: clientId is { } id ? $"client {id}" : "no client id");
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"messaging\"";
        return TypedResults.Json(new OAuthError(OAuthError.InvalidClient, "Client authentication failed."), statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>A scope the client was not granted.</summary>
    private static JsonHttpResult<OAuthError> ScopeRefused(ServiceClientView client) =>
        Refused(OAuthError.InvalidScope, $"The client may ask for: {string.Join(' ', client.Scopes)}.");

    private static JsonHttpResult<OAuthError> Refused(string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), statusCode: StatusCodes.Status400BadRequest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued an access token to service client {ClientId} with scopes {Scopes}")]
    private partial void LogIssued(Guid clientId, string scopes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused client authentication for service client {ClientId}")]
    private partial void LogRejected(Guid? clientId);
}
