namespace Gateway.Api.Tokens;

/// <summary>The <c>{}</c> that SimpleJWT answers on verify and blacklist.</summary>
public sealed record EmptyResponse;
