using Grains;
using Grains.Hosting;
using Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Gateway.Api.RateLimiting;

/// <summary>
/// The gateway's side of the cluster-wide limits: which throttle grain counts what, under which policy.
/// Each method is one grain call answered from the grain's memory.
/// </summary>
public sealed class ClusterThrottle(GrainReferences grains, IOptionsMonitor<RateLimitingOptions> limits, IOptionsMonitor<UserGrainOptions> users)
{
    /// <summary>The client's address as the forwarded-headers middleware left it.</summary>
    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Whether the address has used up its failed logins.</summary>
    public ValueTask<ThrottleDecision> PeekLoginFailuresFromAsync(string address) =>
        Grain(ThrottleKeys.LoginFailuresFrom(address)).PeekAsync();

    public ValueTask<ThrottleDecision> CountLoginFailureFromAsync(string address) =>
        Grain(ThrottleKeys.LoginFailuresFrom(address)).HitAsync(limits.CurrentValue.LoginFailuresPerAddress.ToPolicy());

    /// <summary>Whether a login name that matches no account is locked, as an account would be after as many failures.</summary>
    public ValueTask<ThrottleDecision> PeekUnknownLoginAsync(string login) =>
        Grain(ThrottleKeys.LoginFailuresOfUnknown(login)).PeekAsync();

    /// <summary>Counts a failure of a login name that matches no account under the account lockout (section "Users").</summary>
    public ValueTask<ThrottleDecision> CountUnknownLoginFailureAsync(string login) =>
        Grain(ThrottleKeys.LoginFailuresOfUnknown(login)).HitAsync(users.CurrentValue.ToLockoutPolicy());

    public ValueTask<ThrottleDecision> CountRegistrationFromAsync(string address) =>
        Grain(ThrottleKeys.RegistrationsFrom(address)).HitAsync(limits.CurrentValue.RegistrationsPerAddress.ToPolicy());

    public ValueTask<ThrottleDecision> CountSendByAsync(Guid userId) =>
        Grain(ThrottleKeys.SendsBy(userId)).HitAsync(limits.CurrentValue.SendsPerUser.ToPolicy());

    private IThrottleGrain Grain(string key) => grains.Throttle(key);
}
