namespace Web.Tests.Infrastructure;

/// <summary>A gateway whose access tokens live seconds, with no clock skew, so that a test sees them expire.</summary>
public sealed class ShortTokenFixture : WebFixture
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(6);

    protected override IReadOnlyDictionary<string, string> GatewaySettings { get; } = new Dictionary<string, string>
    {
        ["Jwt:AccessTokenLifetime"] = AccessTokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Jwt:ClockSkew"] = "00:00:00",
    };
}
