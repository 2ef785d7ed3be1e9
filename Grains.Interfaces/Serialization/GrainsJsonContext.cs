using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>Source-generated serialization for every type the messaging grains exchange.</summary>
[JsonSourceGenerationOptions(Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(RegisterUser))]
[JsonSerializable(typeof(UpdateProfile))]
[JsonSerializable(typeof(LoginResult))]
[JsonSerializable(typeof(RefreshToken))]
[JsonSerializable(typeof(RefreshOutcome))]
[JsonSerializable(typeof(UserConversation))]
[JsonSerializable(typeof(ConversationListQuery))]
[JsonSerializable(typeof(ConversationIdPage))]
[JsonSerializable(typeof(ConversationView))]
[JsonSerializable(typeof(CreateConversation))]
[JsonSerializable(typeof(AddParticipant))]
[JsonSerializable(typeof(ParticipantView))]
[JsonSerializable(typeof(SendMessage))]
[JsonSerializable(typeof(SendResult))]
[JsonSerializable(typeof(MessageView))]
[JsonSerializable(typeof(MessageQuery))]
[JsonSerializable(typeof(MessagePage))]
[JsonSerializable(typeof(ReadMarker))]
[JsonSerializable(typeof(MessageDeletedData))]
[JsonSerializable(typeof(ConversationDeletedData))]
[JsonSerializable(typeof(EmptyData))]
[JsonSerializable(typeof(Guid?))]
public sealed partial class GrainsJsonContext : JsonSerializerContext;
