namespace Actors.Membership;

/// <summary>A silo's status in the membership table.</summary>
public enum SiloStatus
{
    Joining = 0,
    Active = 1,
    ShuttingDown = 2,
    Dead = 3,
}
