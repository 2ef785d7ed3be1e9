using System.Text.Json.Serialization;

namespace Grains;

/// <summary>Source-generated serialization of the grains' persisted state and journal payloads.</summary>
[JsonSerializable(typeof(UserState))]
[JsonSerializable(typeof(NameReservationState))]
[JsonSerializable(typeof(ExternalIdentityState))]
[JsonSerializable(typeof(ServiceClientState))]
[JsonSerializable(typeof(ServiceClientDirectoryState))]
[JsonSerializable(typeof(ConversationState))]
[JsonSerializable(typeof(MessageRecord))]
[JsonSerializable(typeof(Events.UserEventRecord))]
[JsonSerializable(typeof(Admin.UserDirectoryState))]
public sealed partial class GrainsStateJsonContext : JsonSerializerContext;
