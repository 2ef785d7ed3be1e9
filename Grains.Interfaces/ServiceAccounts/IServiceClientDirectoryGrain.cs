using Orleans.Concurrency;

namespace Grains.Interfaces;

/// <summary>
/// The list of service clients for admins (one grain, key <see cref="Key"/>); each client grain records
/// itself here when it is created or changes. Few clients exist, so one grain holds them all.
/// </summary>
public interface IServiceClientDirectoryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    Task RecordAsync(ServiceClientView client);

    [ReadOnly]
    Task<ServiceClientPage> ListAsync(int offset, int limit);
}
