namespace Grains;

/// <summary>Rules of the username and email reservation grains.</summary>
public sealed class NameReservationOptions
{
    /// <summary>
    /// A reservation younger than this may belong to a registration (or email change) still under way;
    /// an older one whose holder does not use the name may be taken over.
    /// </summary>
    public TimeSpan ReclaimAge { get; set; } = TimeSpan.FromMinutes(1);
}
