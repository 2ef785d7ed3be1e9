namespace Grains.Interfaces;

/// <summary>
/// A person as an external OpenID Connect provider knows them (key: <see cref="ExternalIdentityKeys.For"/> of
/// issuer and subject), and the local user they are here.
/// </summary>
public interface IExternalIdentityGrain : IGrainWithStringKey
{
    /// <summary>
    /// The local user of this identity. At first sight the user is created from <paramref name="profile"/>:
    /// a unique username derived from <c>preferred_username</c> or the email, the email if verified and free,
    /// role user, and no password (password login is impossible for them). Later calls answer the same user.
    /// </summary>
    Task<UserView> SignInAsync(ExternalProfile profile);
}
