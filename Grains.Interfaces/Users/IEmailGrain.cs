using Actors;

namespace Grains.Interfaces;

/// <summary>Email uniqueness and lookup (key: the email, lower-cased with invariant culture).</summary>
[GrainType("email")]
public interface IEmailGrain : INameReservationGrain;
