namespace Grains.Interfaces;

/// <summary>
/// The keys of <see cref="IThrottleGrain"/>: what is counted, a slash, and whose (an address, a login name lower-cased,
/// a user id). The prefix keeps every key from parsing as a number (see <see cref="NameKeys"/>).
/// </summary>
public static class ThrottleKeys
{
    /// <summary>Failed logins from one client address.</summary>
    public static string LoginFailuresFrom(string address) => "login-address/" + address;

    /// <summary>Failed logins with a username or email that names no account (so that it locks as an account would).</summary>
    public static string LoginFailuresOfUnknown(string login) => "login-name/" + login.ToLowerInvariant();

    /// <summary>Registrations from one client address.</summary>
    public static string RegistrationsFrom(string address) => "register-address/" + address;

    /// <summary>Messages one user sends.</summary>
    public static string SendsBy(Guid userId) => "sends/" + userId.ToString("D");
}
