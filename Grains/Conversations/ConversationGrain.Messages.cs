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
                if (original.Deleted)
                {
                    throw new ConflictException("The message with this client_message_id was deleted.");
                }

                // The first attempt may have failed before every participant's stream had it: finish that.
                var replayed = ToView(original);
                await NotifyMessageAsync(UserEventTypes.MessageCreated, original, replayed, retried: true);
                return new SendResult(replayed, Created: false);
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
        var message = ToView(entry);
        await NotifyMessageAsync(UserEventTypes.MessageCreated, entry, message);
        return new SendResult(message, Created: true);
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
        var view = ToView(edited);
        await NotifyMessageAsync(UserEventTypes.MessageUpdated, edited, view);
        return view;
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
        await NotifyMessageAsync(UserEventTypes.MessageDeleted, deleted, view: null);
        await AuditAsync(
            AuditEventTypes.MessageDeleted, ConversationRules.SenderOf(message.Author), callerId,
            FormattableString.Invariant($"message_id={messageId:D} seq={message.Seq}"));
    }

    public async Task<ReadMarker> MarkReadAsync(Guid callerId, long seq)
    {
        RequireParticipant(callerId);
        if (seq < 1 || seq >= _nextSeq)
        {
            throw InvalidRequestException.ForField(
                "seq", _nextSeq == 1 ? "This conversation has no messages yet." : $"The seq must be between 1 and {_nextSeq - 1}.");
        }

        var unread = await CountUnreadAsync(callerId, seq);
        return await GrainFactory.GetGrain<IUserGrain>(callerId).MarkReadAsync(ConversationId, seq, unread);
    }

    /// <summary>Live messages above <paramref name="seq"/> that others sent: from the tail when it reaches that far.</summary>
    private async Task<long> CountUnreadAsync(Guid userId, long seq)
    {
        var author = ConversationRules.Author(userId);
        if (!_tail.IsLoaded)
        {
            _tail.Load(await _journal.QueryAsync(_tail.LoadQuery));
        }

        if (_tail.TryCount(seq, entry => entry.Author != author, out var count))
        {
            return count;
        }

        var all = await _journal.QueryAsync(new JournalQuery { AfterSeq = seq, Limit = 1 });
        var own = await _journal.QueryAsync(new JournalQuery { AfterSeq = seq, Author = author, Limit = 1 });
        return all.TotalCount - own.TotalCount;
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

    /// <summary>
    /// Puts the change into every participant's event stream before the request is answered, so that an
    /// acknowledged change is never missing from a stream that resumes from its cursor. A failure fails the
    /// request; a retried send (same client_message_id) delivers again, and user grains skip what they have.
    /// </summary>
    private Task NotifyMessageAsync(string type, JournalEntry<MessageRecord> entry, MessageView? view, bool retried = false)
    {
        var notice = new MessageNotice(
            type, ConversationId, entry.EntryId, entry.Seq, ConversationRules.SenderOf(entry.Author), Now(), view)
        { Retried = retried };
        var deliveries = new Task[State.Participants.Count];
        for (var i = 0; i < deliveries.Length; i++)
        {
            deliveries[i] = GrainFactory.GetGrain<IUserGrain>(State.Participants[i].UserId).MessageChangedAsync(notice);
        }

        return Task.WhenAll(deliveries);
    }

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
