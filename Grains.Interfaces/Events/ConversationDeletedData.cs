using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>The data of <c>conversation.deleted</c>: the conversation is gone, or the user is no longer in it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ConversationDeletedData(
    [property: Id(0), JsonPropertyName("conversation_id")] Guid ConversationId);
