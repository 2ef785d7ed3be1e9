
using Orleans.Concurrency;

namespace Grains.Interfaces;

/// <summary>A uniqueness reservation of a normalized name (key: see <see cref="NameKeys"/>) for one user id.</summary>
public interface INameReservationGrain : IGrainWithStringKey
{
    /// <summary>Reserves the name for the user; true when it now belongs to that user, false when taken by another.</summary>
    Task<bool> ReserveAsync(Guid userId);

    /// <summary>Releases the name if the user holds it.</summary>
    Task ReleaseAsync(Guid userId);

    /// <summary>The user holding the name, or null.</summary>
    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<Guid?> GetUserIdAsync();
}
