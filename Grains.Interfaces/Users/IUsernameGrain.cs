namespace Grains.Interfaces;

/// <summary>Username uniqueness and lookup (key: <see cref="NameKeys.Username"/>).</summary>
public interface IUsernameGrain : INameReservationGrain;
