using System.Text.Json.Serialization;
using Grains.Interfaces;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A conversation of the upgrade fixture as the old version showed it: its view, its live messages in seq order,
/// the messages deleted from it, the participants removed from it, and the seq its next message takes.
/// </summary>
public sealed record ExpectedConversation(
    [property: JsonPropertyName("conversation")] ConversationView Conversation,
    [property: JsonPropertyName("removed_participant_ids")] IReadOnlyList<Guid> RemovedParticipantIds,
    [property: JsonPropertyName("messages")] IReadOnlyList<MessageView> Messages,
    [property: JsonPropertyName("deleted_messages")] IReadOnlyList<MessageView> DeletedMessages,
    [property: JsonPropertyName("next_seq")] long NextSeq)
{
    public Guid Id => Conversation.ConversationId;
}
