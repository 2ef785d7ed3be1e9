using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Actors.Serialization;

namespace Actors.Transport;

/// <summary>
/// The wire format: int32 length (of what follows), byte kind, int64 correlation id; a request then has
/// three uint16-length-prefixed UTF-8 strings (grain type, key, method) and the JSON arguments; a
/// response has a status byte and the JSON payload. Little-endian throughout.
/// </summary>
internal static class FrameCodec
{
    /// <summary>Frames larger than this are refused and the connection closed.</summary>
    public const int MaxFrameLength = 16 * 1024 * 1024;

    public static void BeginRequest(GrowableBuffer buffer, long correlationId, GrainId grain, string method)
    {
        WriteHeader(buffer, FrameKind.Request, correlationId);
        WriteString(buffer, grain.Type);
        WriteString(buffer, grain.Key);
        WriteString(buffer, method);
    }

    public static void BeginResponse(GrowableBuffer buffer, long correlationId, ResponseStatus status)
    {
        WriteHeader(buffer, FrameKind.Response, correlationId);
        buffer.GetSpan(1)[0] = (byte)status;
        buffer.Advance(1);
    }

    public static GrowableBuffer GoAway()
    {
        var buffer = new GrowableBuffer(16);
        WriteHeader(buffer, FrameKind.GoAway, 0);
        Complete(buffer);
        return buffer;
    }

    /// <summary>Writes the length prefix once the frame's body is complete.</summary>
    public static void Complete(GrowableBuffer buffer) =>
        BinaryPrimitives.WriteInt32LittleEndian(buffer.WrittenSpan, buffer.WrittenCount - sizeof(int));

    /// <summary>Takes one whole frame off the front of <paramref name="buffer"/>, if there is one.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out Frame frame)
    {
        frame = default;
        if (buffer.Length < sizeof(int))
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[sizeof(int)];
        buffer.Slice(0, sizeof(int)).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < 1 + sizeof(long) || length > MaxFrameLength)
        {
            throw new InvalidDataException($"Invalid frame length {length}.");
        }

        if (buffer.Length < sizeof(int) + length)
        {
            return false;
        }

        var body = buffer.Slice(sizeof(int), length).ToArray();
        buffer = buffer.Slice(sizeof(int) + length);
        frame = Decode(body);
        return true;
    }

    private static Frame Decode(byte[] body)
    {
        var kind = (FrameKind)body[0];
        var correlationId = BinaryPrimitives.ReadInt64LittleEndian(body.AsSpan(1));
        var offset = 1 + sizeof(long);
        switch (kind)
        {
            case FrameKind.Request:
                var type = ReadString(body, ref offset);
                var key = ReadString(body, ref offset);
                var method = ReadString(body, ref offset);
                return new Frame(kind, correlationId, ResponseStatus.Ok, type, key, method, body.AsMemory(offset));
            case FrameKind.Response:
                var status = (ResponseStatus)body[offset];
                return new Frame(kind, correlationId, status, string.Empty, string.Empty, string.Empty, body.AsMemory(offset + 1));
            case FrameKind.GoAway:
                return new Frame(kind, correlationId, ResponseStatus.Ok, string.Empty, string.Empty, string.Empty, ReadOnlyMemory<byte>.Empty);
            default:
                throw new InvalidDataException($"Unknown frame kind {(byte)kind}.");
        }
    }

    private static void WriteHeader(GrowableBuffer buffer, FrameKind kind, long correlationId)
    {
        var span = buffer.GetSpan(sizeof(int) + 1 + sizeof(long));
        span[sizeof(int)] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(span[(sizeof(int) + 1)..], correlationId);
        buffer.Advance(sizeof(int) + 1 + sizeof(long));
    }

    private static void WriteString(IBufferWriter<byte> buffer, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        if (byteCount > ushort.MaxValue)
        {
            throw new ArgumentException("Grain type, key and method names are limited to 65535 bytes.", nameof(value));
        }

        var span = buffer.GetSpan(sizeof(ushort) + byteCount);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)byteCount);
        Encoding.UTF8.GetBytes(value, span[sizeof(ushort)..]);
        buffer.Advance(sizeof(ushort) + byteCount);
    }

    private static string ReadString(byte[] body, ref int offset)
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(offset));
        offset += sizeof(ushort);
        var value = Encoding.UTF8.GetString(body, offset, length);
        offset += length;
        return value;
    }
}
