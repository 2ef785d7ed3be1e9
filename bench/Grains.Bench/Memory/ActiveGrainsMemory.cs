using System.Diagnostics;
using System.Globalization;
using Grains.Bench.Infrastructure;
using Grains.Interfaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Grains.Bench.Memory;

/// <summary>
/// How much silo memory active conversation grains take (not a BenchmarkDotNet case:
/// <c>dotnet run -c Release --project bench/Grains.Bench -- memory [CONVERSATIONS] [USERS]</c>).
/// One silo in this process on SQLite (<c>synchronous = NORMAL</c>: durability is not what this measures),
/// USERS registered users (1,000), then CONVERSATIONS conversations (100,000) of two users each, created
/// through the conversation grains as the gateway creates them, each with one message sent and its latest
/// page read (so each grain has loaded its newest messages), all kept active. The process's memory is
/// read after a full, compacting collection before the conversations and after them: the managed heap
/// and the resident set (VmRSS), and the difference per conversation grain.
/// </summary>
internal static class ActiveGrainsMemory
{
    public static async Task RunAsync(string[] args)
    {
        var conversations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var userCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
        await using var cluster = await BenchCluster.StartAsync(BenchStorage.SqliteNormal, silos: 1, silo =>
        {
            silo.Services.AddMessagingGrains();

            // Registrations hash a password; their cost is not measured, and nothing may be collected as idle.
            silo.Services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
            silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromHours(2));
        });
        var grains = cluster.SiloGrainFactory(0);
        var clock = Stopwatch.StartNew();

        var users = new Guid[userCount];
        await Parallel.ForAsync(0, userCount, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            users[i] = Guid.NewGuid();
            var name = $"memory_user_{i:D6}";
            await grains.GetGrain<IUserGrain>(users[i]).RegisterAsync(new RegisterUser(name, $"{name}@bench.example", "memory-bench-password", "Memory", "Bench", UserRole.User));
        });
        var before = Measure();
        Console.WriteLine($"{userCount} users registered in {clock.Elapsed.TotalSeconds:F1} s; {before}");

        clock.Restart();
        var message = new SendMessage("A benchmark message of a typical chat length, about sixty bytes.", ClientMessageId: null);
        var latestPage = new MessageQuery(null, null, null, null, null, Descending: true, Offset: 0, Limit: 20);
        await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var (owner, peer) = (users[i % userCount], users[(i * 7 + 1 + (i / userCount)) % userCount]);
            if (peer == owner)
            {
                peer = users[(i + 1) % userCount];
            }

            var conversation = grains.GetGrain<IConversationGrain>(Guid.NewGuid());
            await conversation.CreateAsync(owner, new CreateConversation([peer], $"conversation {i}"));
            await conversation.SendAsync(owner, message);
            var page = await conversation.ListMessagesAsync(peer, latestPage);
            if (page.Count != 1)
            {
                throw new InvalidOperationException($"conversation {i} has {page.Count} messages, not 1");
            }

            if ((i + 1) % 10_000 == 0)
            {
                Console.WriteLine($"  {i + 1} conversations after {clock.Elapsed.TotalSeconds:F0} s");
            }
        });
        var created = clock.Elapsed;
        var active = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        var after = Measure();
        Console.WriteLine($"{conversations} conversations created, each with a message sent and its latest page read, in {created.TotalSeconds:F1} s; {active} activations; {after}");
        Console.WriteLine(
            $"per conversation grain: managed heap {(after.HeapBytes - before.HeapBytes) / (double)conversations:F0} B, "
            + $"resident set {(after.RssBytes - before.RssBytes) / (double)conversations:F0} B; "
            + $"the process: {after.RssBytes / 1048576.0:F0} MiB resident for {conversations} conversations and {userCount} users");
    }

    private static Snapshot Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var rss = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return new Snapshot(GC.GetTotalMemory(forceFullCollection: false), kib * 1024);
    }

    private sealed record Snapshot(long HeapBytes, long RssBytes)
    {
        public override string ToString() => $"managed heap {HeapBytes / 1048576.0:F1} MiB, resident {RssBytes / 1048576.0:F1} MiB";
    }
}
