using Grains.Events;
using Grains.Interfaces;
using Orleans.Storage;

namespace Grains;

/// <content>
/// The conversations the user takes part in, as events: what a conversation grain reports becomes events
/// of the user's log, and the conversation list, read markers and unread counts follow from them
/// (<see cref="Apply"/>). Membership is written at once, activity coalesced.
/// </content>
public sealed partial class UserGrain
{
    /// <summary>Seqs that never arrived that a user grain waits for, per conversation.</summary>
    private const int MaxMissingSeqs = 64;

    public async Task ConversationChangedAsync(UserConversation conversation)
    {
        if (!State.Registered || conversation is null)
        {
            return;
        }

        await EmitAsync(ConversationRecords(conversation));
        await WriteStateAsync();
    }

    public Task MessagesChangedAsync(IReadOnlyList<MessageNotice> notices)
    {
        if (!State.Registered || notices is null || notices.Count == 0)
        {
            return Task.CompletedTask;
        }

        return EmitAsync(MessageRecords(notices));
    }

    public async Task<ReadMarker> MarkReadAsync(Guid conversationId, long seq, long unreadCount)
    {
        if (!State.Registered || !State.Conversations.ContainsKey(conversationId))
        {
            throw new NotAllowedException("You are not a participant of this conversation.");
        }

        await EmitAsync(ReadRecords(conversationId, seq, unreadCount));
        return State.Conversations.TryGetValue(conversationId, out var entry)
            ? Marker(conversationId, entry)
            : throw new NotAllowedException("You are not a participant of this conversation.");
    }

    /// <summary>The event of a membership change, decided when it is committed (<see cref="EmitAsync"/>).</summary>
    private IEnumerable<UserEventRecord> ConversationRecords(UserConversation conversation)
    {
        var known = State.Conversations.TryGetValue(conversation.ConversationId, out var entry);
        if (!conversation.IsParticipant || conversation.View is null)
        {
            if (known)
            {
                yield return new UserEventRecord
                {
                    Type = UserEventTypes.ConversationDeleted,
                    ConversationDeleted = new ConversationDeletedData(conversation.ConversationId),
                };
            }

            yield break;
        }

        yield return new UserEventRecord
        {
            Type = known ? UserEventTypes.ConversationUpdated : UserEventTypes.ConversationCreated,
            Conversation = known
                ? conversation.View.WithReadMarker(Marker(conversation.ConversationId, entry!))
                : conversation.View with { LastReadSeq = 0, UnreadCount = conversation.UnreadCountOnJoin },
            LastSeq = known ? null : conversation.LastSeq,
        };
    }

    /// <summary>
    /// The events of a conversation's notices, decided when they are committed, each against the state the
    /// ones before it left (<see cref="EmitAsync"/>).
    /// </summary>
    private IEnumerable<UserEventRecord> MessageRecords(IReadOnlyList<MessageNotice> notices)
    {
        foreach (var notice in notices)
        {
            if (notice is null || !State.Conversations.TryGetValue(notice.ConversationId, out var entry))
            {
                // Not (or no longer) a participant: membership decides, and it came first.
                continue;
            }

            switch (notice.Type)
            {
                case UserEventTypes.MessageCreated when IsUndelivered(entry, notice):
                    // Sending moves the sender's marker to the message: nothing of others' lies above it.
                    var movesMarker = notice.SenderId == UserId && notice.Seq > (entry.LastSeq ?? 0);
                    yield return new UserEventRecord { Type = notice.Type, Message = notice.Message, SenderId = notice.SenderId };
                    if (movesMarker)
                    {
                        yield return ReadRecord(new ReadMarker(notice.ConversationId, notice.Seq, 0));
                    }

                    break;
                case UserEventTypes.MessageUpdated:
                    yield return new UserEventRecord { Type = notice.Type, Message = notice.Message, SenderId = notice.SenderId };
                    break;
                case UserEventTypes.MessageDeleted:
                    yield return new UserEventRecord
                    {
                        Type = notice.Type,
                        MessageDeleted = new MessageDeletedData(notice.ConversationId, notice.MessageId, notice.Seq),
                        SenderId = notice.SenderId,
                    };
                    break;
                default:
                    // A message.created this stream already has: a retried send, delivered before.
                    break;
            }
        }
    }

    /// <summary>A read marker moved forward, decided when it is committed: a marker never moves back.</summary>
    private IEnumerable<UserEventRecord> ReadRecords(Guid conversationId, long seq, long unreadCount)
    {
        if (State.Conversations.TryGetValue(conversationId, out var entry) && seq > entry.LastReadSeq)
        {
            yield return ReadRecord(new ReadMarker(conversationId, seq, Math.Max(0, unreadCount)));
        }
    }

    public Task<ReadMarker?> GetReadMarkerAsync(Guid conversationId) =>
        Task.FromResult(
            State.Registered && State.Conversations.TryGetValue(conversationId, out var entry) ? Marker(conversationId, entry) : null);

    public Task<ConversationIdPage> ListConversationsAsync(ConversationListQuery query)
    {
        if (query is null || query.Offset < 0 || query.Limit < 1)
        {
            throw new InvalidRequestException("The offset must be 0 or more and the limit 1 or more.");
        }

        if (!State.Registered)
        {
            return Task.FromResult(new ConversationIdPage(0, [], []));
        }

        var required = query.ParticipantIds ?? [];
        var matches = State.Conversations
            .Where(conversation => required.All(conversation.Value.ParticipantIds.Contains))
            .Where(conversation => !query.UnreadOnly || conversation.Value.UnreadCount > 0)
            .OrderByDescending(conversation => conversation.Value.LastMessageAt ?? conversation.Value.CreatedAt)
            .ThenByDescending(conversation => conversation.Value.CreatedAt)
            .ThenBy(conversation => conversation.Key)
            .ToList();
        var page = matches.Skip(query.Offset).Take(query.Limit).ToList();
        return Task.FromResult(new ConversationIdPage(
            matches.Count,
            [.. page.Select(conversation => conversation.Key)],
            [.. page.Select(conversation => Marker(conversation.Key, conversation.Value))]));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_activityDirty && !_writes.IsStopped)
        {
            try
            {
                await WriteStateAsync(cancellationToken);
            }
            catch (InconsistentStateException)
            {
                // Another activation owns this user now; it applies the events this state missed.
            }
        }
    }

    /// <summary>The effect of one event on the state; the same whether the event is new or replayed on activation.</summary>
    private void Apply(LoggedEvent logged)
    {
        var record = logged.Record;
        switch (record.Type)
        {
            case UserEventTypes.ConversationCreated or UserEventTypes.ConversationUpdated when record.Conversation is { } view:
                if (!State.Conversations.TryGetValue(view.ConversationId, out var joined))
                {
                    joined = new UserConversationState
                    {
                        LastReadSeq = view.LastReadSeq,
                        UnreadCount = view.UnreadCount,
                        LastSeq = record.LastSeq ?? 0,
                    };
                    State.Conversations[view.ConversationId] = joined;
                }

                joined.ParticipantIds.Clear();
                joined.ParticipantIds.AddRange(view.Participants.Select(participant => participant.UserId));
                joined.CreatedAt = view.CreatedAt;
                joined.LastMessageAt = Latest(joined.LastMessageAt, view.LastMessageAt);
                break;
            case UserEventTypes.ConversationDeleted when record.ConversationDeleted is { } gone:
                State.Conversations.Remove(gone.ConversationId);
                break;
            case UserEventTypes.MessageCreated when record.Message is { } message
                && State.Conversations.TryGetValue(message.ConversationId, out var conversation):
                NoteSeq(conversation, message.Seq);
                conversation.LastMessageAt = Latest(conversation.LastMessageAt, message.SentAt);
                if (record.SenderId != UserId && message.Seq > conversation.LastReadSeq)
                {
                    conversation.UnreadCount++;
                }

                break;
            case UserEventTypes.MessageDeleted when record.MessageDeleted is { } deleted
                && State.Conversations.TryGetValue(deleted.ConversationId, out var conversation)
                && record.SenderId != UserId && deleted.Seq > conversation.LastReadSeq && conversation.UnreadCount > 0:
                conversation.UnreadCount--;
                break;
            case UserEventTypes.ReadUpdated when record.Read is { } read
                && State.Conversations.TryGetValue(read.ConversationId, out var conversation):
                conversation.LastReadSeq = read.LastReadSeq;
                conversation.UnreadCount = read.UnreadCount;
                break;
        }

        State.AppliedCursor = logged.Cursor;
    }

    /// <summary>Writes coalesced activity once <see cref="UserGrainOptions.ActivityFlushDelay"/> has passed.</summary>
    private void ScheduleFlush()
    {
        _activityDirty = true;
        _activityFlush ??= this.RegisterGrainTimer(FlushActivityAsync, _options.ActivityFlushDelay, _options.ActivityFlushDelay);
    }

    /// <summary>
    /// Ticks while activity keeps coming, and stops at the first tick with nothing to write, so that an
    /// idle user is neither woken nor kept active.
    /// </summary>
    private async Task FlushActivityAsync(CancellationToken cancellationToken)
    {
        if (!_activityDirty)
        {
            _activityFlush?.Dispose();
            _activityFlush = null;
            return;
        }

        await WriteStateAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the stream lacks this message: above the newest seq, or one that went missing. Of a
    /// conversation joined before the event log existed, a retried send's message is old news.
    /// </summary>
    private static bool IsUndelivered(UserConversationState conversation, MessageNotice notice) =>
        conversation.LastSeq is { } last
            ? notice.Seq > last || conversation.MissingSeqs.Contains(notice.Seq)
            : !notice.Retried;

    /// <summary>
    /// Records a delivered seq: a jump past the newest leaves the skipped seqs missing, a missing one
    /// arrives. A conversation joined before the event log existed starts counting at its next message.
    /// </summary>
    private static void NoteSeq(UserConversationState conversation, long seq)
    {
        if (conversation.LastSeq is not { } last)
        {
            conversation.LastSeq = seq;
            return;
        }

        if (seq <= last)
        {
            conversation.MissingSeqs.Remove(seq);
            return;
        }

        for (var skipped = Math.Max(last + 1, seq - MaxMissingSeqs); skipped < seq; skipped++)
        {
            conversation.MissingSeqs.Add(skipped);
        }

        conversation.LastSeq = seq;
        if (conversation.MissingSeqs.Count > MaxMissingSeqs)
        {
            conversation.MissingSeqs.RemoveRange(0, conversation.MissingSeqs.Count - MaxMissingSeqs);
        }
    }

    private static UserEventRecord ReadRecord(ReadMarker marker) => new() { Type = UserEventTypes.ReadUpdated, Read = marker };

    private static ReadMarker Marker(Guid conversationId, UserConversationState entry) =>
        new(conversationId, entry.LastReadSeq, entry.UnreadCount);

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a > b || b is null ? a : b;
}
