namespace Grains.Interfaces;

/// <summary>The event types of a user's live event stream (the <c>event:</c> line of Server-Sent Events, the SignalR method name).</summary>
public static class UserEventTypes
{
    public const string MessageCreated = "message.created";
    public const string MessageUpdated = "message.updated";
    public const string MessageDeleted = "message.deleted";
    public const string ConversationCreated = "conversation.created";
    public const string ConversationUpdated = "conversation.updated";
    public const string ConversationDeleted = "conversation.deleted";
    public const string ReadUpdated = "read.updated";
    public const string Resync = "resync";
}
