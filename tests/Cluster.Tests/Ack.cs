namespace Cluster.Tests;

/// <summary>A send the service acknowledged (201, or 200 for a client_message_id replay); the key is the message's unique body.</summary>
public sealed record Ack(Guid ConversationId, string Key, Guid MessageId, long Seq, DateTime At);
