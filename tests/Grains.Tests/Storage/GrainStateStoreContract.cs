using System.Text;
using Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Grains.Tests.Storage;

/// <summary>What every <see cref="IGrainStateStore"/> must do: versioned writes, refused stale writes, clears that fence.</summary>
public abstract class GrainStateStoreContract : StorageContract
{
    private const string GrainType = "test.counter";

    private IGrainStateStore Store => Services.GetRequiredService<IGrainStateStore>();

    [Fact]
    public async Task ReadOfNeverWrittenGrainReturnsNull()
    {
        var record = await Store.ReadAsync(GrainType, UniqueName("grain"), CancellationToken.None);

        Assert.Null(record);
    }

    [Fact]
    public async Task FirstWriteStoresPayloadAtVersionOne()
    {
        var key = UniqueName("grain");

        var etag = await Store.WriteAsync(GrainType, key, Payload("{\"count\":1}"), null, CancellationToken.None);

        Assert.Equal("1", etag);
        await AssertStoredAsync(key, "1", "{\"count\":1}");
    }

    [Fact]
    public async Task WriteWithCurrentETagReplacesPayloadAndAdvancesVersion()
    {
        var key = UniqueName("grain");
        var first = await Store.WriteAsync(GrainType, key, Payload("one"), null, CancellationToken.None);

        var second = await Store.WriteAsync(GrainType, key, Payload("two"), first, CancellationToken.None);
        var third = await Store.WriteAsync(GrainType, key, Payload("three"), second, CancellationToken.None);

        Assert.Equal("2", second);
        Assert.Equal("3", third);
        await AssertStoredAsync(key, "3", "three");
    }

    [Fact]
    public async Task StaleWriteIsRefusedAndKeepsStoredState()
    {
        var key = UniqueName("grain");
        var first = await Store.WriteAsync(GrainType, key, Payload("one"), null, CancellationToken.None);
        await Store.WriteAsync(GrainType, key, Payload("two"), first, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.WriteAsync(GrainType, key, Payload("stale"), first, CancellationToken.None));

        await AssertStoredAsync(key, "2", "two");
    }

    [Fact]
    public async Task FirstWriteWhenRowExistsIsRefusedAndKeepsStoredState()
    {
        var key = UniqueName("grain");
        await Store.WriteAsync(GrainType, key, Payload("winner"), null, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.WriteAsync(GrainType, key, Payload("loser"), null, CancellationToken.None));

        await AssertStoredAsync(key, "1", "winner");
    }

    [Fact]
    public async Task WriteWithETagWhenNoRowExistsIsRefusedAndWritesNothing()
    {
        var key = UniqueName("grain");

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.WriteAsync(GrainType, key, Payload("ghost"), "1", CancellationToken.None));

        Assert.Null(await Store.ReadAsync(GrainType, key, CancellationToken.None));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("0")]
    public async Task ETagTheStoreNeverIssuedIsRefusedAndKeepsStoredState(string etag)
    {
        var key = UniqueName("grain");
        await Store.WriteAsync(GrainType, key, Payload("kept"), null, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.WriteAsync(GrainType, key, Payload("foreign"), etag, CancellationToken.None));

        await AssertStoredAsync(key, "1", "kept");
    }

    [Fact]
    public async Task ClearKeepsRowWithoutPayloadAndAdvancesVersion()
    {
        var key = UniqueName("grain");
        var first = await Store.WriteAsync(GrainType, key, Payload("one"), null, CancellationToken.None);

        var cleared = await Store.ClearAsync(GrainType, key, first, CancellationToken.None);

        Assert.Equal("2", cleared);
        var record = await Store.ReadAsync(GrainType, key, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal("2", record.ETag);
        Assert.Null(record.Payload);
    }

    [Fact]
    public async Task WriteWithETagFromBeforeClearIsRefused()
    {
        var key = UniqueName("grain");
        var beforeClear = await Store.WriteAsync(GrainType, key, Payload("one"), null, CancellationToken.None);
        await Store.ClearAsync(GrainType, key, beforeClear, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.WriteAsync(GrainType, key, Payload("stale"), beforeClear, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.WriteAsync(GrainType, key, Payload("fresh start"), null, CancellationToken.None));

        var record = await Store.ReadAsync(GrainType, key, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal("2", record.ETag);
        Assert.Null(record.Payload);
    }

    [Fact]
    public async Task WriteWithETagFromClearSucceeds()
    {
        var key = UniqueName("grain");
        var first = await Store.WriteAsync(GrainType, key, Payload("one"), null, CancellationToken.None);
        var cleared = await Store.ClearAsync(GrainType, key, first, CancellationToken.None);

        var etag = await Store.WriteAsync(GrainType, key, Payload("again"), cleared, CancellationToken.None);

        Assert.Equal("3", etag);
        await AssertStoredAsync(key, "3", "again");
    }

    [Fact]
    public async Task StaleClearIsRefusedAndKeepsStoredState()
    {
        var key = UniqueName("grain");
        var first = await Store.WriteAsync(GrainType, key, Payload("one"), null, CancellationToken.None);
        await Store.WriteAsync(GrainType, key, Payload("two"), first, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.ClearAsync(GrainType, key, first, CancellationToken.None));

        await AssertStoredAsync(key, "2", "two");
    }

    [Fact]
    public async Task ClearOfNeverWrittenGrainLeavesEmptyRecordThatFencesFirstWrites()
    {
        var key = UniqueName("grain");

        var cleared = await Store.ClearAsync(GrainType, key, null, CancellationToken.None);

        Assert.Equal("1", cleared);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.WriteAsync(GrainType, key, Payload("late"), null, CancellationToken.None));
        var record = await Store.ReadAsync(GrainType, key, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal("1", record.ETag);
        Assert.Null(record.Payload);
    }

    [Fact]
    public async Task GrainsWithSameKeyButOtherTypeAreSeparate()
    {
        var key = UniqueName("grain");
        await Store.WriteAsync(GrainType, key, Payload("counter"), null, CancellationToken.None);

        var etag = await Store.WriteAsync("test.other", key, Payload("other"), null, CancellationToken.None);

        Assert.Equal("1", etag);
        await AssertStoredAsync(key, "1", "counter");
        var other = await Store.ReadAsync("test.other", key, CancellationToken.None);
        Assert.Equal("other", Text(other?.Payload));
    }

    [Fact]
    public async Task LargePayloadRoundTripsByteForByte()
    {
        var key = UniqueName("grain");
        var payload = new byte[1024 * 1024];
        new Random(42).NextBytes(payload);

        await Store.WriteAsync(GrainType, key, payload, null, CancellationToken.None);

        var record = await Store.ReadAsync(GrainType, key, CancellationToken.None);
        Assert.Equal(payload, record?.Payload);
    }

    [Fact]
    public async Task ConcurrentWritesWithSameETagHaveExactlyOneWinner()
    {
        var key = UniqueName("grain");
        var etag = await Store.WriteAsync(GrainType, key, Payload("start"), null, CancellationToken.None);
        const int writers = 16;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = Enumerable.Range(0, writers)
            .Select(i => Task.Run(async () =>
            {
                await start.Task;
                try
                {
                    await Store.WriteAsync(GrainType, key, Payload($"writer {i}"), etag, CancellationToken.None);
                    return i;
                }
                catch (InconsistentStateException)
                {
                    return -1;
                }
            }))
            .ToArray();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, result => result >= 0);
        await AssertStoredAsync(key, "2", $"writer {winner}");
    }

    private static byte[] Payload(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(byte[]? payload) => payload is null ? null : Encoding.UTF8.GetString(payload);

    private async Task AssertStoredAsync(string key, string expectedETag, string expectedPayload)
    {
        var record = await Store.ReadAsync(GrainType, key, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal(expectedETag, record.ETag);
        Assert.Equal(expectedPayload, Text(record.Payload));
    }
}
