using Grains.Batching;
using Grains.Events;
using Grains.Interfaces;
using Grains.Journal;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Utilities;

namespace Grains;

/// <summary>
/// A user: profile, password (PBKDF2 through ASP.NET Core Identity's hasher), failed-login lockout,
/// refresh-token families, the conversations the user takes part in with the read markers, and the
/// user's event log (what live streams deliver).
/// <para>
/// This grain calls the name reservation grains, never a conversation grain: conversation grains call
/// it, and a call back would be a cycle.
/// </para>
/// <para>
/// Everything that happens in the user's conversations becomes an event of the user's log, durable before
/// the conversation's request is answered, and the state (conversation list, read markers, unread counts)
/// follows from the events. Membership changes are written to the state at once; message activity, which
/// arrives once per message per participant, is written at most <see cref="UserGrainOptions.ActivityFlushDelay"/>
/// later, and an activation first applies the events the stored state has not seen
/// (<see cref="UserState.AppliedCursor"/>), so a crash loses nothing of it.
/// </para>
/// <para>
/// Notices from conversations interleave, and every write of this grain (event appends, state writes)
/// goes through its write queue: the events that queue up behind one another are decided in order and
/// written in one append, and state writes wait for the appends before them.
/// </para>
/// </summary>
[GrainType("user")]
public sealed partial class UserGrain : Grain, IUserGrain
{
    private readonly IPersistentState<UserState> _state;
    private readonly IPasswordHasher<UserState> _passwordHasher;
    private readonly TimeProvider _time;
    private readonly UserGrainOptions _options;
    private readonly UserEventLogOptions _eventOptions;
    private readonly UserEventLog _events;
    private readonly ObserverManager<IUserEventObserver> _observers;
    private readonly ILogger<UserGrain> _logger;
    private readonly GrainWriteQueue<IEnumerable<UserEventRecord>, bool> _writes;
    private bool _activityDirty;
    private IDisposable? _activityFlush;

    public UserGrain(
        [PersistentState("user")] IPersistentState<UserState> state,
        IPasswordHasher<UserState> passwordHasher,
        IOptions<UserGrainOptions> options,
        IOptions<UserEventLogOptions> eventOptions,
        GrainJournals journals,
        IGrainContext grainContext,
        TimeProvider time,
        ILogger<UserGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(eventOptions);
        ArgumentNullException.ThrowIfNull(journals);
        ArgumentNullException.ThrowIfNull(grainContext);
        _state = state;
        _passwordHasher = passwordHasher;
        _options = options.Value;
        _eventOptions = eventOptions.Value;
        _events = new UserEventLog(
            journals.OpenLog("events", grainContext.GrainId.GetGuidKey().ToString("D"), GrainsStateJsonContext.Default.UserEventRecord),
            _eventOptions);
        _observers = new ObserverManager<IUserEventObserver>(_eventOptions.SubscriptionLifetime, logger);
        _writes = new GrainWriteQueue<IEnumerable<UserEventRecord>, bool>(CommitEventsAsync, MaxEmitsPerBatch);
        _time = time;
        _logger = logger;
    }

    private UserState State => _state.State;

    private Guid UserId => this.GetPrimaryKey();

    public async Task<UserView> RegisterAsync(RegisterUser registration)
    {
        if (State.Registered)
        {
            throw new ConflictException("This user is already registered.");
        }

        if (registration is null)
        {
            throw new InvalidRequestException("A registration is required.");
        }

        var errors = UserValidation.Validate(registration);
        if (errors.Count > 0)
        {
            throw new InvalidRequestException("The registration is invalid.", errors);
        }

        var username = GrainFactory.GetGrain<IUsernameGrain>(NameKeys.Username(registration.Username));
        var email = GrainFactory.GetGrain<IEmailGrain>(NameKeys.Email(registration.Email));
        var usernameReservation = username.ReserveAsync(UserId);
        var emailReservation = email.ReserveAsync(UserId);
        Task GiveBackAsync() => Task.WhenAll(ReleaseQuietlyAsync(username, usernameReservation), ReleaseQuietlyAsync(email, emailReservation));
        try
        {
            await Task.WhenAll(usernameReservation, emailReservation);
        }
        catch
        {
            // One reservation failed (its silo stopping, say) and the other may have been taken: give that back,
            // so that the client's retry is not refused as a conflict with this attempt until the reclaim age.
            await GiveBackAsync();
            throw;
        }

        var usernameReserved = await usernameReservation;
        var emailReserved = await emailReservation;
        if (!usernameReserved || !emailReserved)
        {
            await GiveBackAsync();
            throw new ConflictException(
                (usernameReserved, emailReserved) switch
                {
                    (false, false) => "The username and the email are already taken.",
                    (false, _) => "The username is already taken.",
                    _ => "The email is already taken.",
                });
        }

        State.Registered = true;
        State.Username = registration.Username;
        State.Email = registration.Email;
        State.FirstName = registration.FirstName ?? "";
        State.LastName = registration.LastName ?? "";
        State.Role = registration.Role;
        State.CreatedAt = Now();
        State.PasswordHash = _passwordHasher.HashPassword(State, registration.Password);
        await WriteStateAsync();
        await AfterAccountChangeAsync(AuditEventTypes.UserRegistered, actorId: null, detail: $"role={RoleNames.Of(State.Role)}");
        return ToView();
    }

    /// <summary>Releases a reservation this registration took; if that fails, the reservation's reclaim age frees it.</summary>
    private async Task ReleaseQuietlyAsync(INameReservationGrain reservation, Task<bool> reserved)
    {
        if (!reserved.IsCompletedSuccessfully || !reserved.Result)
        {
            return;
        }

        try
        {
            await reservation.ReleaseAsync(UserId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReleaseFailed(exception, UserId);
        }
    }

    public Task<UserView> GetAsync()
    {
        RequireRegistered();
        return Task.FromResult(ToView());
    }

    public async Task<UserView> UpdateProfileAsync(UpdateProfile update)
    {
        RequireRegistered();
        if (update is null)
        {
            throw new InvalidRequestException("An update is required.");
        }

        var errors = UserValidation.Validate(update);
        if (errors.Count > 0)
        {
            throw new InvalidRequestException("The profile update is invalid.", errors);
        }

        string? releasedEmail = null;
        if (update.Email is not null)
        {
            var oldKey = NameKeys.Email(State.Email);
            var newKey = NameKeys.Email(update.Email);
            if (newKey != oldKey)
            {
                if (!await GrainFactory.GetGrain<IEmailGrain>(newKey).ReserveAsync(UserId))
                {
                    throw new ConflictException("The email is already taken.");
                }

                releasedEmail = oldKey;
            }

            State.Email = update.Email;
        }

        State.FirstName = update.FirstName ?? State.FirstName;
        State.LastName = update.LastName ?? State.LastName;
        await WriteStateAsync();
        await UpdateDirectoryAsync();

        // Released only once the new email is stored; a crash before this leaves the old reservation
        // to be reclaimed, since it no longer matches this user's email.
        if (releasedEmail is not null)
        {
            await GrainFactory.GetGrain<IEmailGrain>(releasedEmail).ReleaseAsync(UserId);
        }

        return ToView();
    }

    public async Task<LoginResult> CheckPasswordAsync(string password)
    {
        if (!State.Registered)
        {
            return new LoginResult(LoginStatus.Invalid, null, null);
        }

        var now = _time.GetUtcNow();
        if (State.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            return LockedOut(lockedUntil - now);
        }

        // A user of an external identity provider or a service client's bot has no password: nothing matches, yet the
        // failure counts, so that the account locks as any other (and as a name of no account does) and answers tell nothing.
        // A deactivated account answers the same way, whatever the password.
        if (State.PasswordHash.Length == 0 || State.Deactivated)
        {
            return await CountFailureAsync(now);
        }

        var candidate = password ?? "";
        var verification = _passwordHasher.VerifyHashedPassword(State, State.PasswordHash, candidate);
        if (verification == PasswordVerificationResult.Failed)
        {
            return await CountFailureAsync(now);
        }

        State.FailedLogins = 0;
        State.FailureWindowStart = null;
        State.LockedUntil = null;
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // The iteration count was raised since this hash was made: upgrade it while the password is at hand.
            State.PasswordHash = _passwordHasher.HashPassword(State, candidate);
        }

        State.LastLoginAt = Now();
        await WriteStateAsync();
        await UpdateDirectoryAsync();
        return new LoginResult(LoginStatus.Succeeded, ToView(), null);
    }

    public async Task StartRefreshFamilyAsync(RefreshToken token)
    {
        RequireRegistered();
        var now = _time.GetUtcNow();
        if (token is null || token.ExpiresAt <= now)
        {
            throw InvalidRequestException.ForField("expires_at", "A refresh token must expire in the future.");
        }

        if (State.RefreshFamilies.TryGetValue(token.FamilyId, out var existing))
        {
            if (existing.CurrentTokenId == token.TokenId)
            {
                return;
            }

            throw new ConflictException("This refresh-token family already exists.");
        }

        PruneRefreshFamilies(now);
        State.RefreshFamilies[token.FamilyId] = new RefreshFamilyState { CurrentTokenId = token.TokenId, ExpiresAt = token.ExpiresAt };
        while (State.RefreshFamilies.Count > _options.MaxRefreshFamilies)
        {
            State.RefreshFamilies.Remove(State.RefreshFamilies.MinBy(family => family.Value.ExpiresAt).Key);
        }

        await WriteStateAsync();
    }

    public async Task<RefreshOutcome> RotateRefreshAsync(RefreshToken presented, RefreshToken next)
    {
        if (presented is null || next is null || next.FamilyId != presented.FamilyId)
        {
            throw new InvalidRequestException("The next refresh token must belong to the presented token's family.");
        }

        var now = _time.GetUtcNow();
        if (!State.Registered || !State.RefreshFamilies.TryGetValue(presented.FamilyId, out var family))
        {
            return RefreshOutcome.Invalid;
        }

        if (family.ExpiresAt <= now)
        {
            State.RefreshFamilies.Remove(presented.FamilyId);
            await WriteStateAsync();
            return RefreshOutcome.Invalid;
        }

        if (presented.TokenId == family.CurrentTokenId)
        {
            family.PreviousTokenId = family.CurrentTokenId;
            family.CurrentTokenId = next.TokenId;
            family.ExpiresAt = next.ExpiresAt;
            PruneRefreshFamilies(now);
            await WriteStateAsync();
            return RefreshOutcome.Ok;
        }

        if (presented.TokenId == family.PreviousTokenId && next.TokenId == family.CurrentTokenId)
        {
            // The very same rotation, delivered twice: not a reuse.
            return RefreshOutcome.Ok;
        }

        State.RefreshFamilies.Remove(presented.FamilyId);
        await WriteStateAsync();
        return RefreshOutcome.Reused;
    }

    public async Task<RefreshOutcome> RevokeRefreshFamilyAsync(RefreshToken presented)
    {
        if (presented is null || !State.Registered || !State.RefreshFamilies.TryGetValue(presented.FamilyId, out var family))
        {
            return RefreshOutcome.Invalid;
        }

        var live = family.ExpiresAt > _time.GetUtcNow();
        State.RefreshFamilies.Remove(presented.FamilyId);
        await WriteStateAsync();
        return live ? RefreshOutcome.Ok : RefreshOutcome.Invalid;
    }

    private async Task<LoginResult> CountFailureAsync(DateTimeOffset now)
    {
        if (State.FailureWindowStart is not { } windowStart || now - windowStart >= _options.FailureWindow)
        {
            State.FailedLogins = 0;
            State.FailureWindowStart = now;
        }

        State.FailedLogins++;
        if (State.FailedLogins < _options.MaxFailedAttempts)
        {
            await WriteStateAsync();
            return new LoginResult(LoginStatus.Invalid, null, null);
        }

        State.FailedLogins = 0;
        State.FailureWindowStart = null;
        State.LockedUntil = now + _options.LockoutDuration;
        await WriteStateAsync();
        return LockedOut(_options.LockoutDuration);
    }

    private static LoginResult LockedOut(TimeSpan remaining) =>
        new(LoginStatus.LockedOut, null, Math.Max(1, (int)Math.Ceiling(remaining.TotalSeconds)));

    private void PruneRefreshFamilies(DateTimeOffset now)
    {
        foreach (var expired in State.RefreshFamilies.Where(family => family.Value.ExpiresAt <= now).Select(family => family.Key).ToList())
        {
            State.RefreshFamilies.Remove(expired);
        }
    }

    /// <summary>Writes the state through the write queue: after the events queued before it are durable.</summary>
    private Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        _writes.RunAsync(() => WriteStateNowAsync(cancellationToken));

    /// <summary>Writes the state; only from a write of the queue (<see cref="WriteStateAsync"/>).</summary>
    private async Task WriteStateNowAsync(CancellationToken cancellationToken = default)
    {
        await _state.WriteStateAsync(cancellationToken);
        _activityDirty = false;
    }

    private void RequireRegistered()
    {
        if (!State.Registered)
        {
            throw new NotFoundException("No such user.");
        }
    }

    private DateTimeOffset Now() => Timestamps.TruncateToMilliseconds(_time.GetUtcNow());

    private UserView ToView() =>
        new(UserId, State.Username, State.Email, State.FirstName, State.LastName, State.Role, State.CreatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} could not give back a name reservation of a registration that did not complete; it is freed after the reclaim age")]
    private partial void LogReleaseFailed(Exception exception, Guid userId);
}
