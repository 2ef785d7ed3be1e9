namespace Grains.Interfaces;

/// <summary>Email uniqueness and lookup (key: <see cref="NameKeys.Email"/>).</summary>
public interface IEmailGrain : INameReservationGrain;
