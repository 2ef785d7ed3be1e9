using Grains.Interfaces;

namespace Grains;

/// <summary>Users created for an identity at an external provider: no password, a derived username.</summary>
public sealed partial class UserGrain
{
    public async Task<UserView> RegisterExternalAsync(ExternalProfile profile)
    {
        if (profile is null || string.IsNullOrEmpty(profile.Issuer) || string.IsNullOrEmpty(profile.Subject))
        {
            throw new InvalidRequestException("An external profile names its issuer and subject.");
        }

        if (State.Registered)
        {
            return ToView();
        }

        State.Username = await ReserveExternalUsernameAsync(profile);
        State.Email = await ReserveExternalEmailAsync(profile);
        State.FirstName = ExternalProfiles.PersonName(profile.FirstName);
        State.LastName = ExternalProfiles.PersonName(profile.LastName);
        State.Role = UserRole.User;
        State.CreatedAt = Now();

        // No hash: no password can match it, so the provider is the only way in.
        State.PasswordHash = "";
        State.Registered = true;
        await WriteStateAsync();
        await AfterAccountChangeAsync(AuditEventTypes.UserRegistered, actorId: null, detail: "external");
        return ToView();
    }

    private async Task<string> ReserveExternalUsernameAsync(ExternalProfile profile)
    {
        foreach (var candidate in ExternalProfiles.UsernameCandidates(profile))
        {
            if (await GrainFactory.GetGrain<IUsernameGrain>(NameKeys.Username(candidate)).ReserveAsync(UserId))
            {
                return candidate;
            }
        }

        throw new ConflictException("No free username could be derived from the external identity.");
    }

    /// <summary>The profile's email when the provider verified it and no other user has it; else none.</summary>
    private async Task<string> ReserveExternalEmailAsync(ExternalProfile profile)
    {
        if (!profile.EmailVerified
            || string.IsNullOrEmpty(profile.Email)
            || UserValidation.Validate(new UpdateProfile(null, null, profile.Email)).Count > 0)
        {
            return "";
        }

        return await GrainFactory.GetGrain<IEmailGrain>(NameKeys.Email(profile.Email)).ReserveAsync(UserId) ? profile.Email : "";
    }
}
