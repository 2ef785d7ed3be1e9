using Actors;

namespace Grains.Interfaces;

/// <summary>Username uniqueness and lookup (key: the username, lower-cased with invariant culture).</summary>
[GrainType("username")]
public interface IUsernameGrain : INameReservationGrain;
