using System.Text.Json.Serialization;
using Grains.Interfaces;

namespace Gateway.Tests.Infrastructure;

/// <summary>A user of the upgrade fixture: the profile the old version showed them, their password, and their conversation list in order.</summary>
public sealed record ExpectedUser(
    [property: JsonPropertyName("profile")] UserView Profile,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("conversation_ids")] IReadOnlyList<Guid> ConversationIds)
{
    public TestUser AsTestUser() => new(Profile.UserId, Profile.Username, Profile.Email!, Password);
}
