using Grains.Interfaces;
using Orleans.Storage;

namespace Grains;

/// <content>
/// The conversations the user takes part in: membership is written at once, activity coalesced.
/// </content>
public sealed partial class UserGrain
{
    public async Task ConversationChangedAsync(UserConversation conversation)
    {
        if (!State.Registered || conversation is null)
        {
            return;
        }

        if (!conversation.IsParticipant)
        {
            if (State.Conversations.Remove(conversation.ConversationId))
            {
                await WriteStateAsync();
            }

            return;
        }

        if (!State.Conversations.TryGetValue(conversation.ConversationId, out var entry))
        {
            entry = new UserConversationState();
            State.Conversations[conversation.ConversationId] = entry;
        }

        entry.ParticipantIds.Clear();
        entry.ParticipantIds.AddRange(conversation.ParticipantIds ?? []);
        entry.CreatedAt = conversation.CreatedAt;
        entry.LastMessageAt = Latest(entry.LastMessageAt, conversation.LastMessageAt);
        await WriteStateAsync();
    }

    public Task ConversationActivityAsync(Guid conversationId, DateTimeOffset lastMessageAt)
    {
        // Activity for a conversation the user is not in (any more) is late news: membership decides.
        if (!State.Registered
            || !State.Conversations.TryGetValue(conversationId, out var entry)
            || entry.LastMessageAt >= lastMessageAt)
        {
            return Task.CompletedTask;
        }

        entry.LastMessageAt = lastMessageAt;
        _activityDirty = true;
        _activityFlush ??= this.RegisterGrainTimer(FlushActivityAsync, _options.ActivityFlushDelay, _options.ActivityFlushDelay);
        return Task.CompletedTask;
    }

    public Task<ConversationIdPage> ListConversationsAsync(ConversationListQuery query)
    {
        if (query is null || query.Offset < 0 || query.Limit < 1)
        {
            throw new InvalidRequestException("The offset must be 0 or more and the limit 1 or more.");
        }

        if (!State.Registered)
        {
            return Task.FromResult(new ConversationIdPage(0, []));
        }

        var required = query.ParticipantIds ?? [];
        var matches = State.Conversations
            .Where(conversation => required.All(conversation.Value.ParticipantIds.Contains))
            .OrderByDescending(conversation => conversation.Value.LastMessageAt ?? conversation.Value.CreatedAt)
            .ThenByDescending(conversation => conversation.Value.CreatedAt)
            .ThenBy(conversation => conversation.Key)
            .Select(conversation => conversation.Key)
            .ToList();
        var page = matches.Skip(query.Offset).Take(query.Limit).ToList();
        return Task.FromResult(new ConversationIdPage(matches.Count, page));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_activityDirty)
        {
            try
            {
                await WriteStateAsync(cancellationToken);
            }
            catch (InconsistentStateException)
            {
                // Another activation owns this user now; its state wins and this activity is lost.
            }
        }
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

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a > b || b is null ? a : b;
}
