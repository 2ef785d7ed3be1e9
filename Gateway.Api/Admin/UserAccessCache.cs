using Grains.Interfaces;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Orleans;

namespace Gateway.Api.Admin;

/// <summary>
/// The user grain's answer to "is this user active, and with which role", kept per user for
/// <see cref="AdminOptions.AccessCacheDuration"/>: every authenticated request consults it, and only a miss calls the
/// grain (which answers from memory, without a database round trip).
/// </summary>
public sealed class UserAccessCache(IGrainFactory grains, IMemoryCache cache, IOptions<AdminOptions> options)
{
    public async Task<UserAccess> GetAsync(Guid userId)
    {
        var key = (nameof(UserAccessCache), userId);
        if (cache.TryGetValue(key, out UserAccess? known) && known is not null)
        {
            return known;
        }

        var access = await grains.GetGrain<IUserGrain>(userId).GetAccessAsync();
        cache.Set(key, access, options.Value.AccessCacheDuration);
        return access;
    }

    /// <summary>Forgets a user's answer on this gateway (after an admin changed them here); other gateways wait out the duration.</summary>
    public void Forget(Guid userId) => cache.Remove((nameof(UserAccessCache), userId));
}
