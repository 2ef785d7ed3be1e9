using BenchmarkDotNet.Attributes;
using Grains.Bench.Infrastructure;
using Grains.Interfaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Bench;

/// <summary>
/// <see cref="IConversationGrain.SendAsync"/> in a conversation of two registered users, through the silo
/// that hosts it (as the embedded gateway calls it): the participant check, one journal append (durable
/// before the call returns) and the activity notifications to the participants' user grains (not awaited;
/// they batch their own state writes).
/// </summary>
[MemoryDiagnoser]
public class MessageAppendBenchmarks : StorageBenchmark
{
    private static readonly SendMessage Message = new("A benchmark message of a typical chat length, about sixty bytes.", ClientMessageId: null);

    private IConversationGrain _conversation = null!;
    private Guid _sender;

    [Benchmark]
    public Task<SendResult> SendMessage() => _conversation.SendAsync(_sender, Message);

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddMessagingGrains();

        // Only the two registrations hash a password; their cost is not measured.
        silo.Services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
    }

    protected override async Task PrepareAsync()
    {
        var grains = Cluster.SiloGrainFactory(0);
        _sender = await RegisterAsync(grains, "bench_sender");
        var other = await RegisterAsync(grains, "bench_other");
        _conversation = grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await _conversation.CreateAsync(_sender, new CreateConversation([other], "bench"));
        await _conversation.SendAsync(_sender, Message);
    }

    private static async Task<Guid> RegisterAsync(IGrainFactory grains, string username)
    {
        var id = Guid.NewGuid();
        await grains.GetGrain<IUserGrain>(id).RegisterAsync(
            new RegisterUser(username, $"{username}@example.com", "bench-pass-12345", "Bench", "User", UserRole.User));
        return id;
    }
}
