using System.Text;
using BenchmarkDotNet.Attributes;
using Grains.Bench.Infrastructure;
using Grains.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Bench;

/// <summary>
/// One raw append through <see cref="IJournalStore"/>, with no grain in the way: what a message send costs
/// in storage alone, to set beside <see cref="MessageAppendBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class JournalAppendBenchmarks : StorageBenchmark
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(
        """{"message_body":"A benchmark message of a typical chat length, about sixty bytes.","sender_username":"bench_sender","client_message_id":null,"edited_at":null}""");

    // As a conversation grain names its message journal: "messages/<conversation id>".
    private readonly string _stream = $"messages/{Guid.NewGuid():D}";
    private readonly string _author = Guid.NewGuid().ToString("D");
    private IJournalStore _journal = null!;
    private long _seq;

    [Benchmark]
    public Task AppendJournal()
    {
        var seq = ++_seq;
        var now = DateTimeOffset.UtcNow;
        return _journal.AppendAsync(_stream, new JournalRow(seq, Guid.CreateVersion7(now), now, _author, null, false, Payload), CancellationToken.None);
    }

    // A silo applies the storage schema at start-up; nothing else of it is used.
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
    }

    protected override async Task PrepareAsync()
    {
        _journal = Cluster.SiloServices(0).GetRequiredService<IJournalStore>();
        await AppendJournal();
    }
}
