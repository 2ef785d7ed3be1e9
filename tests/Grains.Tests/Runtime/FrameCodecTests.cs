using System.Buffers;
using System.Text;
using Actors;
using Actors.Serialization;
using Actors.Transport;

namespace Grains.Tests.Runtime;

public sealed class FrameCodecTests
{
    [Fact]
    public void RequestAndResponseFramesRoundTrip()
    {
        var request = new GrowableBuffer();
        FrameCodec.BeginRequest(request, 42, new GrainId("conversation", "ключ-ü"), "SendAsync");
        request.Write("[1,2]"u8);
        FrameCodec.Complete(request);
        var response = new GrowableBuffer();
        FrameCodec.BeginResponse(response, 43, ResponseStatus.DomainError);
        response.Write("{}"u8);
        FrameCodec.Complete(response);

        var sequence = new ReadOnlySequence<byte>([.. request.WrittenSpan, .. response.WrittenSpan]);

        Assert.True(FrameCodec.TryRead(ref sequence, out var first));
        Assert.True(FrameCodec.TryRead(ref sequence, out var second));
        Assert.False(FrameCodec.TryRead(ref sequence, out _));
        Assert.Equal((FrameKind.Request, 42L, "conversation", "ключ-ü", "SendAsync", "[1,2]"),
            (first.Kind, first.CorrelationId, first.GrainType, first.GrainKey, first.Method, Encoding.UTF8.GetString(first.Payload.Span)));
        Assert.Equal((FrameKind.Response, 43L, ResponseStatus.DomainError, "{}"),
            (second.Kind, second.CorrelationId, second.Status, Encoding.UTF8.GetString(second.Payload.Span)));
    }

    [Fact]
    public void PartialFrameWaitsForTheRestAndConsumesNothing()
    {
        var frame = new GrowableBuffer();
        FrameCodec.BeginResponse(frame, 7, ResponseStatus.Ok);
        frame.Write("\"done\""u8);
        FrameCodec.Complete(frame);

        var partial = new ReadOnlySequence<byte>(frame.WrittenSpan[..^2].ToArray());

        Assert.False(FrameCodec.TryRead(ref partial, out _));
        Assert.Equal(frame.WrittenCount - 2, partial.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(FrameCodec.MaxFrameLength + 1)]
    public void ImpossibleFrameLengthIsRejected(int length)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, length);
        var sequence = new ReadOnlySequence<byte>(bytes);

        Assert.Throws<InvalidDataException>(() => FrameCodec.TryRead(ref sequence, out _));
    }
}
