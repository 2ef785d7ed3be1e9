using Grains.Interfaces;

namespace Grains;

/// <summary>
/// A person at an external identity provider (key: issuer and subject) and the local user they map to. One
/// activation at a time answers for the identity, so two first requests at once still make a single user.
/// </summary>
[GrainType("external-identity")]
public sealed class ExternalIdentityGrain(
    [PersistentState("identity")] IPersistentState<ExternalIdentityState> state,
    TimeProvider time)
    : Grain, IExternalIdentityGrain
{
    private ExternalIdentityState State => state.State;

    public async Task<UserView> SignInAsync(ExternalProfile profile)
    {
        if (profile is null
            || string.IsNullOrEmpty(profile.Issuer)
            || string.IsNullOrEmpty(profile.Subject)
            || ExternalIdentityKeys.For(profile.Issuer, profile.Subject) != this.GetPrimaryKeyString())
        {
            throw new InvalidRequestException("The profile is not this identity's (issuer and subject).");
        }

        if (State.UserId is not { } userId)
        {
            userId = Guid.CreateVersion7();
            State.UserId = userId;
            State.FirstSeenAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }

        var user = GrainFactory.GetGrain<IUserGrain>(userId);
        if (State.Registered)
        {
            return await user.GetAsync();
        }

        var view = await user.RegisterExternalAsync(profile);
        State.Registered = true;
        await state.WriteStateAsync();
        return view;
    }
}
