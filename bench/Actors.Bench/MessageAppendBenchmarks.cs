using Actors.Bench.Infrastructure;
using BenchmarkDotNet.Attributes;
using Grains;
using Grains.Interfaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Bench;

/// <summary>
/// <see cref="IConversationGrain.SendAsync"/> on a conversation of two registered users, through the silo
/// that hosts it (as the embedded gateway calls it): the participant check, one journal append (durable
/// before the call returns) and the two activity notifications to the participants' user grains (not
/// awaited; they batch their own state writes).
/// </summary>
[MemoryDiagnoser]
public class MessageAppendBenchmarks : StorageBenchmark
{
    private static readonly SendMessage Message = new("A benchmark message of a typical chat length, about sixty bytes.", ClientMessageId: null);

    private IConversationGrain _conversation = null!;
    private Guid _sender;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddMessagingGrains();

        // Only the two registrations hash a password; their cost is not measured.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
    }

    protected override async Task PrepareAsync()
    {
        var grains = Cluster.Silos[0].GrainFactory;
        _sender = await RegisterAsync(grains, "bench_sender");
        var other = await RegisterAsync(grains, "bench_other");
        _conversation = grains.GetGrain<IConversationGrain>(Guid.NewGuid());
        await _conversation.CreateAsync(_sender, new CreateConversation([other], "bench"));
        await _conversation.SendAsync(_sender, Message);
    }

    [Benchmark]
    public Task<SendResult> SendMessage() => _conversation.SendAsync(_sender, Message);

    private static async Task<Guid> RegisterAsync(IGrainFactory grains, string username)
    {
        var id = Guid.NewGuid();
        await grains.GetGrain<IUserGrain>(id).RegisterAsync(
            new RegisterUser(username, $"{username}@example.com", "bench-pass-12345", "Bench", "User", UserRole.User));
        return id;
    }
}
