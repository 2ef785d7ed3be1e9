using System.Text;
using Actors.Bench.Infrastructure;
using Actors.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Bench;

/// <summary>
/// One raw append through <see cref="IJournalStore"/>, with no grain in the way: what a message send costs
/// in storage alone, to set beside <see cref="MessageAppendBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class JournalAppendBenchmarks : StorageBenchmark
{
    private const string Stream = "conversation.messages/bench";

    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(
        """{"message_body":"A benchmark message of a typical chat length, about sixty bytes.","sender_username":"bench_sender","client_message_id":null,"edited_at":null}""");

    private IJournalStore _journal = null!;
    private long _seq;

    // A silo applies the storage schema at start-up; nothing else of it is used.
    protected override void ConfigureServices(IServiceCollection services)
    {
    }

    protected override async Task PrepareAsync()
    {
        _journal = Cluster.Silos[0].Services.GetRequiredService<IJournalStore>();
        await AppendJournal();
    }

    [Benchmark]
    public Task AppendJournal()
    {
        var seq = ++_seq;
        var now = DateTimeOffset.UtcNow;
        return _journal.AppendAsync(Stream, new JournalRow(seq, Guid.CreateVersion7(now), now, "bench", null, false, Payload), CancellationToken.None);
    }
}
