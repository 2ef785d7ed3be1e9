using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<UserRole>))]
public enum UserRole
{
    [JsonStringEnumMemberName("user")]
    User,

    [JsonStringEnumMemberName("admin")]
    Admin,
}
