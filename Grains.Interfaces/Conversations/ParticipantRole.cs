using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[JsonConverter(typeof(JsonStringEnumConverter<ParticipantRole>))]
public enum ParticipantRole
{
    [JsonStringEnumMemberName("member")]
    Member,

    [JsonStringEnumMemberName("admin")]
    Admin,

    [JsonStringEnumMemberName("owner")]
    Owner,
}
