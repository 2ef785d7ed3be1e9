using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.Api.RateLimiting;

/// <summary>
/// Counts failed logins per client address and per account with fixed-window rate limiters; a login is
/// refused (429) while either has no permits left. Successful logins cost nothing.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<Guid> _byAccount;

    public LoginThrottle(IOptions<RateLimitingOptions> options)
    {
        var perAddress = options.Value.LoginFailuresPerAddress.ToLimiterOptions();
        var perAccount = options.Value.LoginFailuresPerAccount.ToLimiterOptions();
        _byAddress = PartitionedRateLimiter.Create<string, string>(
            address => RateLimitPartition.GetFixedWindowLimiter(address, _ => perAddress));
        _byAccount = PartitionedRateLimiter.Create<Guid, Guid>(
            account => RateLimitPartition.GetFixedWindowLimiter(account, _ => perAccount));
    }

    /// <summary>How long to wait when the address, or the account when known, has used up its failures; null when a login may be tried.</summary>
    public TimeSpan? RetryAfter(string address, Guid? account) =>
        Exhausted(_byAddress, address) ?? (account is { } id ? Exhausted(_byAccount, id) : null);

    public void RecordFailure(string address, Guid? account)
    {
        _byAddress.AttemptAcquire(address).Dispose();
        if (account is { } id)
        {
            _byAccount.AttemptAcquire(id).Dispose();
        }
    }

    public void Dispose()
    {
        _byAddress.Dispose();
        _byAccount.Dispose();
    }

    private static TimeSpan? Exhausted<TKey>(PartitionedRateLimiter<TKey> limiter, TKey key)
    {
        // Asking for zero permits only looks: it succeeds while any permit is left.
        using var lease = limiter.AttemptAcquire(key, 0);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }
}
