using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
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
