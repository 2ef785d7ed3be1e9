using Grains.Batching;
using Grains.Interfaces;
using Grains.Journal;
using Microsoft.Extensions.Logging;

namespace Grains;

/// <content>
/// Messages: sending with dedup (in batches: the sends that queue up behind one another share one journal
/// append and one call per participant), reading, editing and deleting, all in the journal.
/// </content>
public sealed partial class ConversationGrain
{
    public async Task<SendResult> SendAsync(Guid callerId, SendMessage request)
    {
        // Refused here at once if it is bound to fail; membership is decided again when the batch commits.
        RequireParticipant(callerId);
        if (request is null)
        {
            throw InvalidRequestException.ForField("message_body", "This field is required.");
        }

        ConversationRules.ValidateBody(request.MessageBody);
        var clientMessageId = ConversationRules.ClientMessageId(request.ClientMessageId);
        return await _writes.EnqueueAsync(new PendingSend(callerId, request.MessageBody, clientMessageId));
    }

    /// <summary>
    /// Commits the sends that queued up together: decides each in order (membership, a repeated
    /// client_message_id), appends the new messages in one journal append with consecutive seqs, puts all
    /// of them into every participant's stream with one call per participant, then answers them. A failed
    /// append leaves the journal's end unknown: this activation writes nothing more and is given up.
    /// </summary>
    private async Task CommitSendsAsync(IReadOnlyList<GrainWriteQueue<PendingSend, SendResult>.Batched> batch)
    {
        var originals = await FindOriginalsAsync(batch);

        // Never earlier than the previous message, so that seq order and time order agree.
        var sentAt = Now();
        if (_lastMessageAt is { } previous && sentAt < previous)
        {
            sentAt = previous;
        }

        var appended = new List<JournalEntry<MessageRecord>>(batch.Count);
        var answers = new JournalEntry<MessageRecord>?[batch.Count];
        var created = new bool[batch.Count];
        var replayed = new List<JournalEntry<MessageRecord>>();
        for (var i = 0; i < batch.Count; i++)
        {
            var send = batch[i].Item;
            if (Find(send.CallerId) is not { } sender)
            {
                batch[i].Fail(IsLive ? NotAParticipant() : new NotFoundException("No such conversation."));
                continue;
            }

            var dedupKey = send.ClientMessageId is null ? null : ConversationRules.DedupKey(send.CallerId, send.ClientMessageId);
            if (dedupKey is not null && originals.TryGetValue(dedupKey, out var original))
            {
                if (original.Deleted)
                {
                    batch[i].Fail(new ConflictException("The message with this client_message_id was deleted."));
                    continue;
                }

                // The first attempt may have failed before every participant's stream had it: finish that.
                answers[i] = original;
                if (!appended.Contains(original) && !replayed.Contains(original))
                {
                    replayed.Add(original);
                }

                continue;
            }

            var entry = new JournalEntry<MessageRecord>(
                _nextSeq + appended.Count,
                Guid.CreateVersion7(sentAt),
                sentAt,
                ConversationRules.Author(send.CallerId),
                dedupKey,
                Deleted: false,
                new MessageRecord(send.MessageBody, sender.Username, send.ClientMessageId, EditedAt: null));
            appended.Add(entry);
            answers[i] = entry;
            created[i] = true;
            if (dedupKey is not null)
            {
                originals[dedupKey] = entry;
            }
        }

        if (appended.Count > 0)
        {
            try
            {
                await _journal.AppendAsync(appended);
            }
            catch
            {
                GiveUpAfterUnknownWrite();
                throw;
            }

            foreach (var entry in appended)
            {
                _tail.Appended(entry);
            }

            _nextSeq += appended.Count;
            _lastMessageAt = sentAt;
        }

        var notices = new List<MessageNotice>(replayed.Count + appended.Count);
        notices.AddRange(replayed.Select(entry => Notice(UserEventTypes.MessageCreated, entry, ToView(entry), retried: true)));
        notices.AddRange(appended.Select(entry => Notice(UserEventTypes.MessageCreated, entry, ToView(entry))));
        if (notices.Count > 0)
        {
            await NotifyMessagesAsync(notices);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (answers[i] is { } answer)
            {
                batch[i].Succeed(new SendResult(ToView(answer), created[i]));
            }
        }
    }

    /// <summary>The stored messages of the batch's client_message_ids, by dedup key (looked up together).</summary>
    private async Task<Dictionary<string, JournalEntry<MessageRecord>>> FindOriginalsAsync(
        IReadOnlyList<GrainWriteQueue<PendingSend, SendResult>.Batched> batch)
    {
        var keys = batch
            .Where(send => send.Item.ClientMessageId is not null)
            .Select(send => ConversationRules.DedupKey(send.Item.CallerId, send.Item.ClientMessageId!))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var found = await Task.WhenAll(keys.Select(key => _journal.FindByDedupKeyAsync(key)));
        var originals = new Dictionary<string, JournalEntry<MessageRecord>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (found[i] is { } original)
            {
                originals[keys[i]] = original;
            }
        }

        return originals;
    }

    public async Task<MessagePage> ListMessagesAsync(Guid callerId, MessageQuery query)
    {
        RequireParticipant(callerId);
        var journalQuery = ConversationRules.ToJournalQuery(query);
        if (!_tail.TryAnswer(journalQuery, out var page))
        {
            if (!_tail.IsLoaded && !_writes.IsStopped && JournalTail<MessageRecord>.CouldAnswer(journalQuery))
            {
                // Through the queue, so that no append lands between the query and the load.
                await _writes.RunAsync(LoadTailAsync);
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

    public Task<MessageView> EditMessageAsync(Guid callerId, Guid messageId, string messageBody) => WriteAsync(async () =>
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
        await NotifyMessagesAsync([Notice(UserEventTypes.MessageUpdated, edited, view)]);
        return view;
    });

    public Task DeleteMessageAsync(Guid callerId, Guid messageId) => WriteAsync(async () =>
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
        await NotifyMessagesAsync([Notice(UserEventTypes.MessageDeleted, deleted, view: null)]);
        await AuditAsync(
            AuditEventTypes.MessageDeleted, ConversationRules.SenderOf(message.Author), callerId,
            FormattableString.Invariant($"message_id={messageId:D} seq={message.Seq}"));
        return true;
    });

    /// <summary>
    /// Through the queue, like a write: the count is taken and the marker stored with no send between them,
    /// so a message's notice never reaches the user grain after a marker whose count already has it.
    /// </summary>
    public Task<ReadMarker> MarkReadAsync(Guid callerId, long seq) => WriteAsync(async () =>
    {
        RequireParticipant(callerId);
        if (seq < 1 || seq >= _nextSeq)
        {
            throw InvalidRequestException.ForField(
                "seq", _nextSeq == 1 ? "This conversation has no messages yet." : $"The seq must be between 1 and {_nextSeq - 1}.");
        }

        var unread = await CountUnreadAsync(callerId, seq);
        return await _grains.User(callerId).MarkReadAsync(ConversationId, seq, unread);
    });

    /// <summary>Loads the tail unless loaded; only from a write of the queue.</summary>
    private async Task LoadTailAsync()
    {
        if (!_tail.IsLoaded)
        {
            _tail.Load(await _journal.QueryAsync(_tail.LoadQuery));
        }
    }

    /// <summary>
    /// Live messages above <paramref name="seq"/> that others sent: from the tail when it reaches that far.
    /// Only from a write of the queue.
    /// </summary>
    private async Task<long> CountUnreadAsync(Guid userId, long seq)
    {
        var author = ConversationRules.Author(userId);
        await LoadTailAsync();
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
    /// Puts the changes into every participant's event stream, one call per participant, before the requests
    /// are answered, so that an acknowledged change is never missing from a stream that resumes from its
    /// cursor. A call the runtime failed is made again for a moment (<see cref="NestedCallRetry"/>); a failure
    /// that outlasts that fails the requests, and a retried send (same client_message_id) delivers again.
    /// User grains skip what they have.
    /// </summary>
    private Task NotifyMessagesAsync(IReadOnlyList<MessageNotice> notices) =>
        NestedCallRetry.ToEachAsync(
            State.Participants, participant => _grains.User(participant.UserId).MessagesChangedAsync(notices), _time, NestedCallRetry.Budget);

    private MessageNotice Notice(string type, JournalEntry<MessageRecord> entry, MessageView? view, bool retried = false) =>
        new(type, ConversationId, entry.EntryId, entry.Seq, ConversationRules.SenderOf(entry.Author), Now(), view) { Retried = retried };

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

/// <summary>A send waiting in the conversation's write queue, validated except for membership and its client_message_id.</summary>
internal sealed record PendingSend(Guid CallerId, string MessageBody, string? ClientMessageId);
