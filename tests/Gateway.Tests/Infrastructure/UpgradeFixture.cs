using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Fixtures/upgrade-from-own-runtime: a messaging.db written by the gateway before the move onto Orleans
/// (commit e24bd05), and what that version answered over HTTP just before it was stopped.
/// </summary>
public sealed record UpgradeFixture(
    [property: JsonPropertyName("jwt")] FixtureJwt Jwt,
    [property: JsonPropertyName("users")] IReadOnlyList<ExpectedUser> Users,
    [property: JsonPropertyName("logins")] IReadOnlyList<ExpectedLogin> Logins,
    [property: JsonPropertyName("conversations")] IReadOnlyList<ExpectedConversation> Conversations)
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "upgrade-from-own-runtime");

    public static UpgradeFixture Load() =>
        JsonSerializer.Deserialize<UpgradeFixture>(File.ReadAllBytes(Path.Combine(FixtureDirectory, "expectations.json")))
        ?? throw new InvalidOperationException("expectations.json is empty.");

    /// <summary>Copies the old database into <paramref name="dataDirectory"/> as the gateway's messaging.db.</summary>
    public static void CopyDatabaseTo(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        File.Copy(Path.Combine(FixtureDirectory, "messaging.db"), Path.Combine(dataDirectory, "messaging.db"));
    }

    public ExpectedUser User(Guid userId) => Users.Single(user => user.Profile.UserId == userId);
}
