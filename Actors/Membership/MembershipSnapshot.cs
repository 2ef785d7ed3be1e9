namespace Actors.Membership;

/// <summary>The silos a caller considers active, as of one read of the membership table.</summary>
internal sealed record MembershipSnapshot(IReadOnlyList<ActiveSilo> Silos, long Version, DateTimeOffset ReadAt)
{
    public static MembershipSnapshot Empty { get; } = new([], 0, DateTimeOffset.MinValue);
}
