using Grains.Batching;
using Grains.Hosting;
using Grains.Interfaces;
using Grains.Journal;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Grains;

/// <summary>
/// A conversation: its participants and their roles (state), and its messages (the journal, never the
/// state). Every method answers <see cref="NotFoundException"/> for a conversation never created or
/// deleted, then <see cref="NotAllowedException"/> for a caller who is not, or no longer, a participant,
/// before it looks at anything else; a refused call changes nothing.
/// <para>
/// Roles: the owner may do anything; owner and admins rename, add participants, remove anyone but the
/// owner, and delete any message; only the owner deletes the conversation; only a message's sender
/// edits it; any participant may leave. When the owner leaves, ownership passes to the admin who joined
/// first, else to the member who joined first. When the last participant leaves, the conversation is
/// deleted as by <see cref="DeleteAsync"/>.
/// </para>
/// <para>
/// The next seq and the last message time are read from the journal's last entry on activation. Sends
/// interleave and wait in the grain's write queue (<see cref="GrainWriteQueue{TItem, TResult}"/>): the
/// sends that queue up behind one another are committed as one batch, one journal append (plus a lookup
/// per client message id) and one call to each participant's user grain, which must have the events
/// before the sends are answered. Every other change (membership, edits, deletions, read markers) runs
/// alone through the same queue, so each sees the state all earlier writes left; reads go past it.
/// </para>
/// </summary>
[GrainType("conversation")]
public sealed partial class ConversationGrain : Grain, IConversationGrain
{
    private readonly IPersistentState<ConversationState> _state;
    private readonly IGrainJournal<MessageRecord> _journal;
    private readonly JournalTail<MessageRecord> _tail = new(CachedMessages);
    private readonly TimeProvider _time;
    private readonly GrainReferences _grains;
    private readonly ILogger<ConversationGrain> _logger;
    /// <summary>
    /// The newest messages kept in memory (<see cref="JournalTail{TPayload}"/>), loaded by the first read
    /// that can use them: the latest pages and catch-up reads never touch the database after that, however
    /// long the history. Twice the default page size, so a page survives a few deletions.
    /// </summary>
    internal const int CachedMessages = 40;

    /// <summary>The most sends one batch commits (one journal append, one call per participant).</summary>
    internal const int MaxSendsPerBatch = 64;

    private readonly GrainWriteQueue<PendingSend, SendResult> _writes;
    private long _nextSeq = 1;
    private DateTimeOffset? _lastMessageAt;

    public ConversationGrain(
        [PersistentState("conversation")] IPersistentState<ConversationState> state,
        GrainJournals journals,
        IGrainContext grainContext,
        TimeProvider time,
        GrainReferences grains,
        ILogger<ConversationGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(journals);
        ArgumentNullException.ThrowIfNull(grainContext);
        _state = state;
        _journal = journals.Open("messages", grainContext.GrainId.GetGuidKey().ToString("D"), GrainsStateJsonContext.Default.MessageRecord);
        _time = time;
        _grains = grains;
        _logger = logger;
        _writes = new GrainWriteQueue<PendingSend, SendResult>(CommitSendsAsync, MaxSendsPerBatch);
    }

    private ConversationState State => _state.State;

    private Guid ConversationId => this.GetPrimaryKey();

    private bool IsLive => State.Created && !State.Deleted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Deleted && !State.JournalCleared)
        {
            // The deletion stopped between its tombstone and clearing the messages: finish it.
            await ClearJournalAsync(cancellationToken);
        }
        else if (IsLive)
        {
            var last = await _journal.GetLastAsync(cancellationToken);
            _nextSeq = (last?.Seq ?? 0) + 1;
            _lastMessageAt = last?.Timestamp;
        }
    }

    public Task<ConversationView> CreateAsync(Guid callerId, CreateConversation request) => WriteAsync(async () =>
    {
        if (State.Created)
        {
            if (IsLive && Find(callerId) is null)
            {
                throw NotAParticipant();
            }

            throw new ConflictException("This conversation already exists.");
        }

        if (request?.Participants is null)
        {
            throw InvalidRequestException.ForField("participants", "This field is required.");
        }

        var others = request.Participants.Where(id => id != callerId).Distinct().ToList();
        if (others.Count == 0)
        {
            throw InvalidRequestException.ForField("participants", "List at least one other user.");
        }

        if (others.Count + 1 > ConversationRules.MaxParticipants)
        {
            throw InvalidRequestException.ForField(
                "participants", $"A conversation has at most {ConversationRules.MaxParticipants} participants.");
        }

        var title = ConversationRules.Title(request.Title);
        var callerLookup = LookUpUserAsync(callerId);
        var lookups = others.Select(LookUpUserAsync).ToList();
        await Task.WhenAll(lookups.Append(callerLookup));
        var caller = await callerLookup ?? throw new NotAllowedException("The caller is not a registered user.");
        var unknown = others.Where((_, i) => lookups[i].Result is null).Select(id => $"Unknown user id {id}.").ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidRequestException(
                "Some participants do not exist.", new Dictionary<string, string[]> { ["participants"] = unknown });
        }

        var now = Now();
        State.Created = true;
        State.Title = title;
        State.CreatedBy = callerId;
        State.CreatedAt = now;
        State.Participants.Add(Participant(caller, ParticipantRole.Owner, now));
        State.Participants.AddRange(lookups.Select(lookup => Participant(lookup.Result!, ParticipantRole.Member, now)));
        await _state.WriteStateAsync();
        await NotifyMembershipAsync(removed: []);
        return ToView();
    });

    public Task<ConversationView> GetAsync(Guid callerId)
    {
        RequireParticipant(callerId);
        return Task.FromResult(ToView());
    }

    public Task<ConversationView> RenameAsync(Guid callerId, string title) => WriteAsync(async () =>
    {
        RequireRole(RequireParticipant(callerId), "rename the conversation", ParticipantRole.Owner, ParticipantRole.Admin);
        if (title is null)
        {
            throw InvalidRequestException.ForField("title", "This field is required.");
        }

        State.Title = ConversationRules.Title(title);
        await _state.WriteStateAsync();
        await NotifyMembershipAsync(removed: []);
        return ToView();
    });

    public Task DeleteAsync(Guid callerId) => WriteAsync(async () =>
    {
        RequireRole(RequireParticipant(callerId), "delete the conversation", ParticipantRole.Owner);
        await DeleteConversationAsync(State.Participants.Select(p => p.UserId).ToList());
        await AuditAsync(AuditEventTypes.ConversationDeleted, callerId, callerId, detail: null);
    });

    public Task<ParticipantView> AddParticipantAsync(Guid callerId, AddParticipant request) => WriteAsync(async () =>
    {
        RequireRole(RequireParticipant(callerId), "add participants", ParticipantRole.Owner, ParticipantRole.Admin);
        if (request is null)
        {
            throw InvalidRequestException.ForField("user_id", "This field is required.");
        }

        if (request.Role is not (ParticipantRole.Member or ParticipantRole.Admin))
        {
            throw InvalidRequestException.ForField("role", "The role must be member or admin; ownership cannot be granted.");
        }

        if (Find(request.UserId) is not null)
        {
            throw new ConflictException("The user is already a participant.");
        }

        if (State.Participants.Count >= ConversationRules.MaxParticipants)
        {
            throw InvalidRequestException.ForField(
                "user_id", $"A conversation has at most {ConversationRules.MaxParticipants} participants.");
        }

        var user = await LookUpUserAsync(request.UserId)
            ?? throw InvalidRequestException.ForField("user_id", $"Unknown user id {request.UserId}.");
        var participant = Participant(user, request.Role, Now());
        State.Participants.Add(participant);
        await _state.WriteStateAsync();
        await NotifyMembershipAsync(removed: [], joined: participant.UserId);
        await AuditAsync(AuditEventTypes.ParticipantAdded, participant.UserId, callerId, $"role={request.Role.ToString().ToLowerInvariant()}");
        return ToView(participant);
    });

    public Task RemoveParticipantAsync(Guid callerId, Guid userId) => WriteAsync(async () =>
    {
        var caller = RequireParticipant(callerId);
        ParticipantState removed;
        if (userId == callerId)
        {
            removed = caller;
        }
        else
        {
            RequireRole(caller, "remove participants", ParticipantRole.Owner, ParticipantRole.Admin);
            removed = Find(userId) ?? throw new NotFoundException("The user is not a participant.");
            if (removed.Role == ParticipantRole.Owner)
            {
                throw new NotAllowedException("The owner cannot be removed by others.");
            }
        }

        State.Participants.Remove(removed);
        await AuditAsync(AuditEventTypes.ParticipantRemoved, removed.UserId, callerId, userId == callerId ? "left" : "removed");
        if (State.Participants.Count == 0)
        {
            await DeleteConversationAsync([removed.UserId]);
            await AuditAsync(AuditEventTypes.ConversationDeleted, callerId, callerId, "last participant left");
            return;
        }

        if (removed.Role == ParticipantRole.Owner)
        {
            var successor = State.Participants.FirstOrDefault(p => p.Role == ParticipantRole.Admin) ?? State.Participants[0];
            successor.Role = ParticipantRole.Owner;
        }

        await _state.WriteStateAsync();
        await NotifyMembershipAsync(removed: [removed.UserId]);
    });

    /// <summary>
    /// Runs a change through the write queue, alone: after the sends queued before it are committed and
    /// answered, and before any queued after it.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<Task<T>> write) => _writes.RunAsync(write);

    /// <inheritdoc cref="WriteAsync{T}"/>
    private Task WriteAsync(Func<Task> write) => _writes.RunAsync(write);

    /// <summary>
    /// After a journal append whose outcome is unknown: where the journal ends is unknown, so this
    /// activation writes nothing more (callers may retry, and reach the next one) and is given up.
    /// </summary>
    private void GiveUpAfterUnknownWrite()
    {
        _tail.Invalidate();
        _writes.Stop(() => new InconsistentStateException(
            $"Conversation {ConversationId} is being reactivated after a failed write; nothing was written."));
        DeactivateOnIdle();
    }

    private ParticipantState RequireParticipant(Guid callerId)
    {
        if (!IsLive)
        {
            throw new NotFoundException("No such conversation.");
        }

        return Find(callerId) ?? throw NotAParticipant();
    }

    private static void RequireRole(ParticipantState caller, string action, params ParticipantRole[] roles)
    {
        if (!roles.Contains(caller.Role))
        {
            throw new NotAllowedException($"Your role in this conversation does not allow you to {action}.");
        }
    }

    private static NotAllowedException NotAParticipant() => new("You are not a participant of this conversation.");

    private ParticipantState? Find(Guid userId) => State.Participants.Find(p => p.UserId == userId);

    private async Task<UserView?> LookUpUserAsync(Guid userId)
    {
        if (userId == Guid.Empty)
        {
            return null;
        }

        try
        {
            return await NestedCallRetry.ReadAsync(() => _grains.User(userId).GetAsync(), _time, NestedCallRetry.Budget);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Leaves a tombstone first, so the id stays deleted whatever happens next, then clears the messages
    /// (finished on the next activation if interrupted), then tells the former participants.
    /// </summary>
    private async Task DeleteConversationAsync(IReadOnlyList<Guid> formerParticipants)
    {
        State.Deleted = true;
        State.JournalCleared = false;
        State.Participants.Clear();
        await _state.WriteStateAsync();
        await ClearJournalAsync(CancellationToken.None);
        await NotifyMembershipAsync(formerParticipants);
    }

    private async Task ClearJournalAsync(CancellationToken cancellationToken)
    {
        _tail.Invalidate();
        await _journal.ClearAsync(cancellationToken);
        State.JournalCleared = true;
        await _state.WriteStateAsync(cancellationToken);
    }

    /// <summary>
    /// Tells every participant the conversation as it now is, and every removed user that they are out;
    /// awaited (and made again for a moment when the runtime fails a call: <see cref="NestedCallRetry"/>), so that it
    /// is in their event streams before the request is answered. A user who just
    /// <paramref name="joined"/> also learns how many of the messages they have not read.
    /// </summary>
    private async Task NotifyMembershipAsync(IReadOnlyList<Guid> removed, Guid? joined = null)
    {
        var participantIds = State.Participants.Select(p => p.UserId).ToList();
        var member = new UserConversation(ConversationId, IsParticipant: true, participantIds, State.CreatedAt, _lastMessageAt)
        {
            View = ToView(),
            LastSeq = _nextSeq - 1,
        };
        var newcomer = joined is { } joinedId ? member with { UnreadCountOnJoin = await CountUnreadAsync(joinedId, 0) } : member;
        var gone = member with { IsParticipant = false, ParticipantIds = [], View = null };
        var changes = participantIds.Select(id => (UserId: id, Change: id == joined ? newcomer : member))
            .Concat(removed.Select(id => (UserId: id, Change: gone)))
            .ToList();
        await NestedCallRetry.ToEachAsync(changes, change => _grains.User(change.UserId).ConversationChangedAsync(change.Change), _time, NestedCallRetry.Budget);
    }

    /// <summary>Records an audit event of this conversation (one-way: the request does not wait for the write).</summary>
    private Task AuditAsync(string name, Guid? userId, Guid actorId, string? detail) =>
        GrainFactory.GetGrain<IAuditGrain>(0).RecordAsync(
            new AuditEvent(Guid.CreateVersion7(), name, Now(), userId, actorId, null, null, ConversationId, detail));

    private DateTimeOffset Now() => Timestamps.TruncateToMilliseconds(_time.GetUtcNow());

    private static ParticipantState Participant(UserView user, ParticipantRole role, DateTimeOffset joinedAt) =>
        new() { UserId = user.UserId, Username = user.Username, Role = role, JoinedAt = joinedAt };

    private static ParticipantView ToView(ParticipantState participant) =>
        new(participant.UserId, participant.Username, participant.Role, participant.JoinedAt);

    private ConversationView ToView() =>
        new(ConversationId, State.Title, State.CreatedBy, State.CreatedAt, _lastMessageAt, State.Participants.Select(ToView).ToList());
}
