using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<LoginStatus>))]
public enum LoginStatus
{
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    [JsonStringEnumMemberName("invalid")]
    Invalid,

    [JsonStringEnumMemberName("locked_out")]
    LockedOut,
}
