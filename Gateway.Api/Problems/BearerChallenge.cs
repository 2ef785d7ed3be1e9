namespace Gateway.Api.Problems;

/// <summary>The <c>WWW-Authenticate</c> value of a 401 (RFC 6750 section 3).</summary>
public static class BearerChallenge
{
    public const string MissingTokenDetail = "Authentication credentials were not provided.";

    public const string InvalidTokenDetail = "Given token not valid for any token type.";

    public static string Header(bool invalidToken) =>
        invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer";
}
