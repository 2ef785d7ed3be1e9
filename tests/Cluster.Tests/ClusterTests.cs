using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Cluster.Tests;

/// <summary>
/// Real processes on loopback: PostgreSQL, Silo processes and Gateway.Api processes in cluster mode,
/// with concurrent HTTP senders while silos die, leave and join.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Senders = 16;

    [Fact]
    public async Task KilledSiloLosesAndDuplicatesNoAcknowledgedMessage()
    {
        await using var cluster = await MessagingCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 3, gateways: 2);
        using var load = await MessageLoad.PrepareAsync([.. cluster.Gateways.Select(g => g.HttpAddress)], users: 8, conversations: 8);
        var victim = cluster.Silos[1];

        // Each user's live stream, on the gateway other than the one half the senders use.
        LiveEventCollector[] streams;
        try
        {
            streams = await Task.WhenAll(load.Users.Select((user, i) =>
                LiveEventCollector.StartAsync(cluster.Gateways[(i + 1) % cluster.Gateways.Count].HttpAddress, user.Token)));
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}\n{cluster.Logs()}");
        }

        var report = await load.RunAsync(Senders, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(6), async disrupted =>
        {
            output.WriteLine($"before the kill: {await DescribeSilosAsync(cluster)}");
            disrupted();
            victim.Kill();
        });

        await AssertExactlyOnceAsync(load, report, cluster);
        var windows = report.UnavailabilityWindows();
        output.WriteLine($"killed {victim.Name}; acknowledged {report.Acks.Count} messages; {report.Failures.Count} failed attempts were retried");
        foreach (var failure in report.Failures.Take(5))
        {
            output.WriteLine($"  failed attempt at +{(failure.At - report.DisruptedAt!.Value).TotalSeconds:0.00} s: {failure.Reason}");
        }

        output.WriteLine($"unavailability after SIGKILL, per affected conversation: {Describe(windows)}");
        // Death declared in about 2 s, plus a send's wait for a participant's user grain on the dead silo (the
        // 3 s call timeout: a send is answered once every participant's stream has its event), plus retries.
        Assert.All(windows.Values, w => Assert.True(w < TimeSpan.FromSeconds(8), $"a conversation stayed unavailable for {w}"));
        await AssertEveryStreamGotEveryMessageOnceAsync(load, streams);
        output.WriteLine($"live streams reconnected {streams.Sum(s => s.Reconnects)} times in all");
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }
    }

    /// <summary>
    /// Every stored message reaches each participant's live stream as one message.created, whichever
    /// gateway holds the stream and whatever silo died: within the gateways' subscription renewal, or at
    /// once for a stream that reconnected with its cursor.
    /// </summary>
    private static async Task AssertEveryStreamGotEveryMessageOnceAsync(MessageLoad load, LiveEventCollector[] streams)
    {
        var stored = await load.ReadAllAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var user = 0; user < streams.Length; user++)
        {
            var expected = load.Conversations.Where(c => c.Users.Contains(user))
                .SelectMany(c => stored[c.ConversationId].Select(m => m["message_id"]!.GetValue<Guid>())).Order().ToList();
            while (true)
            {
                var events = streams[user].Events;
                var received = events.Where(e => e.Type == "message.created").Select(e => Guid.Parse(e.String("message_id")!)).ToList();
                if (received.Count >= expected.Count || DateTime.UtcNow > deadline)
                {
                    Assert.Equal(expected, received.Order());
                    Assert.Equal(Enumerable.Range(0, events.Count).Select(i => events[0].Cursor + i), events.Select(e => e.Cursor));
                    break;
                }

                await Task.Delay(200);
            }
        }
    }

    [Fact]
    public async Task FrozenSiloIsDetectedAndItsGrainsServedElsewhere()
    {
        await using var cluster = await MessagingCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 3, gateways: 1);
        using var load = await MessageLoad.PrepareAsync([cluster.Gateways[0].HttpAddress], users: 8, conversations: 8);
        var victim = cluster.Silos[1];

        var report = await load.RunAsync(Senders, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(4), disrupted =>
        {
            disrupted();
            victim.Freeze();
            return Task.CompletedTask;
        });

        await AssertExactlyOnceAsync(load, report, cluster);
        var windows = report.UnavailabilityWindows();
        output.WriteLine($"froze {victim.Name} (SIGSTOP); acknowledged {report.Acks.Count} messages; unavailability per affected conversation: {Describe(windows)}");
        Assert.All(windows.Values, w => Assert.True(w < TimeSpan.FromSeconds(20), $"a conversation stayed unavailable for {w}"));
    }

    /// <summary>
    /// The sends carry no client_message_id: the gateway may retry only what the stopping silo refused
    /// before running it, and a graceful stop leaves nothing else, so no request fails and none runs twice.
    /// </summary>
    [Fact]
    public async Task GracefulSiloStopUnderLoadFailsNoRequest()
    {
        await using var cluster = await MessagingCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 3, gateways: 1);
        using var load = await MessageLoad.PrepareAsync([cluster.Gateways[0].HttpAddress], users: 8, conversations: 8, clientMessageIds: false);
        var leaving = cluster.Silos[1];

        var report = await load.RunAsync(Senders, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(4), disrupted =>
        {
            disrupted();
            return leaving.TerminateAsync(TimeSpan.FromSeconds(30));
        });

        Assert.True(leaving.HasExited);
        Assert.True(report.Failures.Count == 0, $"{report.Failures.Count} requests failed, first: {report.Failures.FirstOrDefault().Reason}\n{cluster.Logs()}");
        await AssertExactlyOnceAsync(load, report, cluster);
        output.WriteLine($"acknowledged {report.Acks.Count} messages across a graceful stop, none failed");
    }

    /// <summary>
    /// Orleans does not move existing activations to a silo that joins; it places new ones there. So the
    /// conversations under load stay where they are, and grains first used after the join spread onto it.
    /// </summary>
    [Fact]
    public async Task SiloJoiningUnderLoadTakesNewGrainsAndFailsNoRequest()
    {
        await using var cluster = await MessagingCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 3, gateways: 1);
        using var load = await MessageLoad.PrepareAsync([cluster.Gateways[0].HttpAddress], users: 8, conversations: 8);
        ServiceProcess? joined = null;

        var report = await load.RunAsync(Senders, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(4), async disrupted =>
        {
            disrupted();
            joined = await cluster.AddSiloAsync();
        });

        Assert.True(report.Failures.Count == 0, $"{report.Failures.Count} requests failed, first: {report.Failures.FirstOrDefault().Reason}\n{cluster.Logs()}");
        await AssertExactlyOnceAsync(load, report, cluster);

        // New users and conversations: new activations, placed across every active silo, the new one included.
        using var after = await MessageLoad.PrepareAsync([cluster.Gateways[0].HttpAddress], users: 12, conversations: 24);
        using var http = new HttpClient();
        var info = await http.GetFromJsonAsync<JsonObject>(new Uri(joined!.HttpAddress, "/silo"));
        var activations = info!["activations"]!.GetValue<int>();
        output.WriteLine($"acknowledged {report.Acks.Count} messages; the joining silo holds {activations} activations");
        output.WriteLine($"after the join: {await DescribeSilosAsync(cluster)}");
        Assert.True(activations > 0, "the joining silo took none of the new grains");
    }

    /// <summary>Every acknowledged message is stored exactly once, nothing unacknowledged is stored, and seq has no gap.</summary>
    private static async Task AssertExactlyOnceAsync(MessageLoad load, LoadReport report, MessagingCluster cluster)
    {
        Assert.True(report.Acks.Count > Senders, $"only {report.Acks.Count} sends were acknowledged\n{cluster.Logs()}");
        var stored = await load.ReadAllAsync();
        foreach (var (conversationId, messages) in stored)
        {
            Assert.Equal(Enumerable.Range(1, messages.Count).Select(i => (long)i), messages.Select(m => m["seq"]!.GetValue<long>()));
            var acks = report.Acks.Where(a => a.ConversationId == conversationId).GroupBy(a => a.Key).ToList();
            var byKey = messages.GroupBy(m => m["message_body"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.ToList());
            Assert.Equal(acks.Select(a => a.Key).Order(), byKey.Keys.Order());
            foreach (var ack in acks)
            {
                var message = Assert.Single(byKey[ack.Key]);
                Assert.All(ack, a => Assert.Equal(
                    (a.MessageId, a.Seq),
                    (message["message_id"]!.GetValue<Guid>(), message["seq"]!.GetValue<long>())));
            }
        }
    }

    private static async Task<string> DescribeSilosAsync(MessagingCluster cluster)
    {
        using var http = new HttpClient();
        var parts = new List<string>();
        foreach (var silo in cluster.Silos.Where(s => !s.HasExited))
        {
            var info = await http.GetFromJsonAsync<JsonObject>(new Uri(silo.HttpAddress, "/silo"));
            parts.Add($"{silo.Name} holds {info!["activations"]} activations");
        }

        return string.Join(", ", parts);
    }

    private static string Describe(IReadOnlyDictionary<Guid, TimeSpan> windows) =>
        windows.Count == 0
            ? "none affected"
            : string.Join(", ", windows.Values.Order().Select(w => w.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture)))
              + $" (max {windows.Values.Max().TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s)";
}
