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
        await WriteJournalAsync(_journal.AppendAsync(entry));
        _tail.Appended(entry);
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
        var journalQuery = ConversationRules.ToJournalQuery(query);
        if (!_tail.TryAnswer(journalQuery, out var page))
        {
            if (!_tail.IsLoaded && JournalTail<MessageRecord>.CouldAnswer(journalQuery))
            {
                _tail.Load(await _journal.QueryAsync(_tail.LoadQuery));
            }

            if (!_tail.TryAnswer(journalQuery, out page))
            {
                page = await _journal.QueryAsync(journalQuery);
            }
        }

        var views = new MessageView[page.Entries.Count];
        for (var i = 0; i < views.Length; i++)
        {
            views[i] = ToView(page.Entries[i]);
        }

        return new MessagePage(page.TotalCount, views);
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
        await WriteJournalAsync(_journal.UpdateAsync(edited));
        _tail.Updated(edited);
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

        var deleted = message with { Deleted = true };
        await WriteJournalAsync(_journal.UpdateAsync(deleted));
        _tail.Updated(deleted);
    }

    private async Task<JournalEntry<MessageRecord>> FindMessageAsync(Guid messageId)
    {
        var message = _tail.Find(messageId) ?? await _journal.FindAsync(messageId);
        return message is null || message.Deleted ? throw new NotFoundException("No such message.") : message;
    }

    /// <summary>A journal write whose outcome may be unknown when it fails: the tail is loaded again on the next read.</summary>
    private async Task WriteJournalAsync(Task write)
    {
        try
        {
            await write;
        }
        catch
        {
            _tail.Invalidate();
            throw;
        }
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
