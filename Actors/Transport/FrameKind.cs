namespace Actors.Transport;

internal enum FrameKind : byte
{
    Request = 1,
    Response = 2,

    /// <summary>The silo is leaving: send nothing new on this connection, close it once pending calls are answered.</summary>
    GoAway = 3,
}
