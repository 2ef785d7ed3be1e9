using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Api.Sessions;

/// <summary>
/// The cookie that holds a browser session's refresh token: HttpOnly (no script reads it), SameSite=Strict
/// (no other site's page sends it), Secure on HTTPS, and sent only to the session routes.
/// </summary>
internal static class SessionCookie
{
    public const string Name = "messaging_refresh";

    public const string Path = "/api/session";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>Stores <paramref name="refresh"/>, kept by the browser until the token itself expires.</summary>
    public static void Write(HttpContext http, string refresh) =>
        http.Response.Cookies.Append(Name, refresh, Options(http, new JsonWebToken(refresh).ValidTo));

    public static void Clear(HttpContext http) =>
        http.Response.Cookies.Delete(Name, Options(http, expires: null));

    private static CookieOptions Options(HttpContext http, DateTime? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = Path,
        Expires = expires is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null,
        IsEssential = true,
    };
}
