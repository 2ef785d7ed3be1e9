using Grains.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

/// <summary>
/// The conversation grain's in-memory tail of its journal, checked against the journal it stands in for:
/// random appends, edits and deletions on a real SQLite journal, and after each step random queries,
/// every one the tail answers compared with the journal's own answer.
/// </summary>
public sealed class JournalTailTests(SqliteTestProvider provider) : StorageContract, IClassFixture<SqliteTestProvider>
{
    private const int Capacity = 8;
    private static readonly DateTimeOffset BaseTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    protected override IStorageTestProvider Provider => provider;

    private GrainJournals Journals => Services.GetRequiredService<GrainJournals>();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task EveryAnswerOfTheTailIsTheJournalsAnswer(int seed)
    {
        var random = new Random(seed);
        var journal = Journals.Open("messages", UniqueName("tail"), GrainsStateJsonContext.Default.MessageRecord);
        var tail = new JournalTail<MessageRecord>(Capacity);
        var live = new List<JournalEntry<MessageRecord>>();
        long nextSeq = 1;
        var (answered, latestAnswered) = (0, 0);

        for (var step = 0; step < 150; step++)
        {
            var roll = random.Next(100);
            if (roll < 70 || live.Count == 0)
            {
                var entry = new JournalEntry<MessageRecord>(
                    nextSeq, Guid.NewGuid(), BaseTime.AddSeconds(nextSeq), "author", null, false, new MessageRecord($"body {nextSeq}", "alice", null, null));
                nextSeq++;
                await journal.AppendAsync([entry]);
                tail.Appended(entry);
                live.Add(entry);
            }
            else
            {
                // Deletions and edits favour the newest entries, as in a chat, but reach the oldest too.
                var index = random.Next(2) == 0 ? live.Count - 1 - random.Next(Math.Min(live.Count, Capacity)) : random.Next(live.Count);
                var changed = roll < 85
                    ? live[index] with { Deleted = true }
                    : live[index] with { Payload = live[index].Payload with { MessageBody = $"edited at step {step}", EditedAt = BaseTime } };
                await journal.UpdateAsync(changed);
                tail.Updated(changed);
                if (changed.Deleted)
                {
                    live.RemoveAt(index);
                }
                else
                {
                    live[index] = changed;
                }

                // A deleted entry is never found in the tail; an edited one, when found, is the edited one.
                var found = tail.Find(changed.EntryId);
                Assert.True(found is null || (!changed.Deleted && found.Payload == changed.Payload), $"step {step}: {found}");
            }

            for (var q = 0; q < 6; q++)
            {
                var query = q == 0 ? new JournalQuery { Limit = Capacity / 2 } : RandomQuery(random, nextSeq);
                if (!tail.TryAnswer(query, out var fromTail) && !tail.IsLoaded && JournalTail<MessageRecord>.CouldAnswer(query))
                {
                    tail.Load(await journal.QueryAsync(tail.LoadQuery));
                    tail.TryAnswer(query, out fromTail);
                }

                if (fromTail is null)
                {
                    continue;
                }

                var fromJournal = await journal.QueryAsync(query);
                Assert.True(Describe(fromJournal) == Describe(fromTail), $"step {step}, {query}: journal {Describe(fromJournal)}, tail {Describe(fromTail)}");
                answered++;
                latestAnswered += q == 0 ? 1 : 0;
            }
        }

        // The tail is worth keeping only if it answers: the latest page every time, and many others.
        Assert.Equal(150, latestAnswered);
        Assert.True(answered > 300, $"the tail answered {answered} queries of 900");
    }

    [Fact]
    public void AQueryWithATimeOrSenderFilterIsLeftToTheJournal()
    {
        var tail = new JournalTail<MessageRecord>(Capacity);
        tail.Load(new JournalPage<MessageRecord>(0, []));

        Assert.True(tail.TryAnswer(new JournalQuery(), out _));
        Assert.False(tail.TryAnswer(new JournalQuery { Author = "author" }, out _));
        Assert.False(tail.TryAnswer(new JournalQuery { From = BaseTime }, out _));
        Assert.False(tail.TryAnswer(new JournalQuery { To = BaseTime }, out _));
    }

    private static JournalQuery RandomQuery(Random random, long nextSeq)
    {
        long? Seq() => random.Next(3) == 0 ? null : nextSeq - random.Next(-1, Capacity * 3);
        return new JournalQuery
        {
            AfterSeq = random.Next(2) == 0 ? null : Seq(),
            BeforeSeq = Seq(),
            Descending = random.Next(4) != 0,
            Offset = random.Next(3) == 0 ? random.Next(Capacity * 2) : 0,
            Limit = random.Next(1, Capacity + 4),
        };
    }

    private static string Describe(JournalPage<MessageRecord> page) =>
        $"{page.TotalCount}: " + string.Join(",", page.Entries.Select(e => $"{e.Seq}/{e.EntryId:N}/{e.Payload.MessageBody}/{e.Timestamp:O}"));
}
