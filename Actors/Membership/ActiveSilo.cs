namespace Actors.Membership;

/// <summary>An active silo with the hash placement uses, computed once per view.</summary>
internal sealed record ActiveSilo(SiloEntry Entry, ulong Hash);
