namespace Gateway.Api.Sessions;

/// <summary>
/// The answer of the browser session routes: the access token alone. The refresh token travels only in the
/// session cookie, which scripts cannot read.
/// </summary>
public sealed record SessionAccess(string Access);
