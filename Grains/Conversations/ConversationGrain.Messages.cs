using Grains.Interfaces;
using Grains.Journal;
using Microsoft.Extensions.Logging;

namespace Grains;

/// <content>Messages: sending with dedup, reading, editing and deleting, all in the journal.</content>
public sealed partial class ConversationGrain
{
    public async Task<SendResult> SendAsync(Guid callerId, SendMessage request)
    {
        var sender = RequireParticipant(callerId);
        if (request is null)
        {
            throw InvalidRequestException.ForField("message_body", "This field is required.");
        }

        ConversationRules.ValidateBody(request.MessageBody);
        var clientMessageId = ConversationRules.ClientMessageId(request.ClientMessageId);
        string? dedupKey = null;
        if (clientMessageId is not null)
        {
            dedupKey = ConversationRules.DedupKey(callerId, clientMessageId);
            var original = await _journal.FindByDedupKeyAsync(dedupKey);
            if (original is not null)
            {
                return original.Deleted
                    ? throw new ConflictException("The message with this client_message_id was deleted.")
                    : new SendResult(ToView(original), Created: false);
            }
        }

        // Never earlier than the previous message, so that seq order and time order agree.
        var sentAt = Now();
        if (_lastMessageAt is { } previous && sentAt < previous)
        {
            sentAt = previous;
        }

        var entry = new JournalEntry<MessageRecord>(
            _nextSeq,
            Guid.CreateVersion7(sentAt),
            sentAt,
            ConversationRules.Author(callerId),
            dedupKey,
            Deleted: false,
            new MessageRecord(request.MessageBody, sender.Username, clientMessageId, EditedAt: null));
        await _journal.AppendAsync(entry);
        _nextSeq++;
        _lastMessageAt = sentAt;
        foreach (var participant in State.Participants)
        {
            NotifyActivity(participant.UserId, sentAt);
        }

        return new SendResult(ToView(entry), Created: true);
    }

    public async Task<MessagePage> ListMessagesAsync(Guid callerId, MessageQuery query)
    {
        RequireParticipant(callerId);
        var page = await _journal.QueryAsync(ConversationRules.ToJournalQuery(query));
        return new MessagePage(page.TotalCount, page.Entries.Select(ToView).ToList());
    }

    public async Task<MessageView> GetMessageAsync(Guid callerId, Guid messageId)
    {
        RequireParticipant(callerId);
        return ToView(await FindMessageAsync(messageId));
    }

    public async Task<MessageView> EditMessageAsync(Guid callerId, Guid messageId, string messageBody)
    {
        RequireParticipant(callerId);
        var message = await FindMessageAsync(messageId);
        if (ConversationRules.SenderOf(message.Author) != callerId)
        {
            throw new NotAllowedException("Only the sender may edit a message.");
        }

        ConversationRules.ValidateBody(messageBody);
        var editedAt = Now();
        var edited = message with
        {
            Payload = message.Payload with { MessageBody = messageBody, EditedAt = editedAt > message.Timestamp ? editedAt : message.Timestamp },
        };
        await _journal.UpdateAsync(edited);
        return ToView(edited);
    }

    public async Task DeleteMessageAsync(Guid callerId, Guid messageId)
    {
        var caller = RequireParticipant(callerId);
        var message = await FindMessageAsync(messageId);
        if (ConversationRules.SenderOf(message.Author) != callerId && caller.Role is not (ParticipantRole.Owner or ParticipantRole.Admin))
        {
            throw new NotAllowedException("Only the sender, the owner or an admin may delete a message.");
        }

        await _journal.UpdateAsync(message with { Deleted = true });
    }

    private async Task<JournalEntry<MessageRecord>> FindMessageAsync(Guid messageId)
    {
        var message = await _journal.FindAsync(messageId);
        return message is null || message.Deleted ? throw new NotFoundException("No such message.") : message;
    }

    /// <summary>One-way: a lost activity note only affects list ordering, and must not fail or slow the send.</summary>
    private void NotifyActivity(Guid userId, DateTimeOffset sentAt)
    {
        try
        {
            _ = GrainFactory.GetGrain<IUserGrain>(userId).ConversationActivityAsync(ConversationId, sentAt);
        }
        catch (Exception exception)
        {
            LogActivityNotificationFailed(exception, ConversationId, userId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} could not tell user {UserId} about new activity")]
    private partial void LogActivityNotificationFailed(Exception exception, Guid conversationId, Guid userId);

    private MessageView ToView(JournalEntry<MessageRecord> entry) =>
        new(
            entry.EntryId,
            ConversationId,
            entry.Seq,
            new SenderView(ConversationRules.SenderOf(entry.Author), entry.Payload.SenderUsername),
            entry.Payload.MessageBody,
            entry.Payload.ClientMessageId,
            entry.Timestamp,
            entry.Payload.EditedAt);
}
