namespace Actors.Transport;

internal enum FrameKind : byte
{
    Request = 1,
    Response = 2,
}
