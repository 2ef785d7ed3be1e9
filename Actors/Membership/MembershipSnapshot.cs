namespace Actors.Membership;

/// <summary>The silos a caller considers active, as of one read of the membership table.</summary>
internal sealed record MembershipSnapshot(IReadOnlyList<ActiveSilo> Silos, DateTimeOffset ReadAt)
{
    public static MembershipSnapshot Empty { get; } = new([], DateTimeOffset.MinValue);
}
