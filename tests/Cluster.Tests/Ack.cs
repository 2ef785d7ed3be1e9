namespace Cluster.Tests;

/// <summary>A send the service acknowledged (201, or 200 for a client_message_id replay).</summary>
public sealed record Ack(Guid ConversationId, string ClientMessageId, Guid MessageId, long Seq, DateTime At);
