using Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Grains;

/// <summary>
/// A uniqueness reservation of one normalized name (the key) for one user. Reserving is idempotent for
/// the holder. A registration that crashed half way leaves a reservation whose holder never became a
/// user (or no longer uses the name, after a crashed email change): once it is older than
/// <see cref="NameReservationOptions.ReclaimAge"/> (a minute by default), another user may take it over.
/// <para>
/// To find that out, this grain calls the holder's user grain, never the caller's own (the caller is
/// waiting on this grain).
/// </para>
/// </summary>
public abstract class NameReservationGrain : Grain, INameReservationGrain
{
    private readonly IPersistentState<NameReservationState> _state;
    private readonly TimeProvider _time;
    private readonly TimeSpan _reclaimAge;

    protected NameReservationGrain(IPersistentState<NameReservationState> state, IOptions<NameReservationOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _reclaimAge = options.Value.ReclaimAge;
        _time = time;
    }

    public async Task<bool> ReserveAsync(Guid userId)
    {
        if (userId == Guid.Empty)
        {
            throw InvalidRequestException.ForField("user_id", "A user id is required.");
        }

        var holder = _state.State.UserId;
        if (holder == userId)
        {
            return true;
        }

        if (holder is { } other && !await IsAbandonedAsync(other))
        {
            return false;
        }

        _state.State = new NameReservationState { UserId = userId, ReservedAt = _time.GetUtcNow() };
        await _state.WriteStateAsync();
        return true;
    }

    public async Task ReleaseAsync(Guid userId)
    {
        if (_state.State.UserId == userId)
        {
            await _state.ClearStateAsync();
            _state.State = new NameReservationState();
        }
    }

    public Task<Guid?> GetUserIdAsync() => Task.FromResult(_state.State.UserId);

    /// <summary>The name of this kind (username or email) in the holder's profile.</summary>
    protected abstract string NameOf(UserView holder);

    /// <summary>The reservation's key for a name of this kind.</summary>
    protected abstract string Normalize(string name);

    private async Task<bool> IsAbandonedAsync(Guid holder)
    {
        if (_time.GetUtcNow() - _state.State.ReservedAt < _reclaimAge)
        {
            return false;
        }

        try
        {
            var profile = await GrainFactory.GetGrain<IUserGrain>(holder).GetAsync();
            return Normalize(NameOf(profile)) != this.GetPrimaryKeyString();
        }
        catch (NotFoundException)
        {
            return true;
        }
    }
}
