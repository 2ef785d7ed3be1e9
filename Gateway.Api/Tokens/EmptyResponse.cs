namespace Gateway.Api.Tokens;

/// <summary>The <c>{}</c> that SimpleJWT answers on verify and blacklist, and the body the session routes take on refresh and logout.</summary>
public sealed record EmptyResponse;
