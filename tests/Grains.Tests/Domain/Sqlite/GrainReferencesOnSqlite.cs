using Grains.Hosting;
using Grains.Interfaces;
using Grains.Tests.Clusters;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;

namespace Grains.Tests.Domain.Sqlite;

/// <summary>
/// The references the hot paths take from <see cref="GrainReferences"/> are the ones Orleans' own
/// <c>GetGrain&lt;T&gt;(Guid)</c> gives, and calls through them reach the same activations.
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class GrainReferencesOnSqlite(SqliteClusterFixture cluster) : DomainTest(cluster)
{
    [Fact]
    public async Task ReferencesAreOrleansOwnAndReachTheSameGrains()
    {
        var services = Cluster.Client.ServiceProvider;
        var references = new GrainReferences(
            Cluster.Client, services.GetRequiredService<GrainInterfaceTypeResolver>(), services.GetRequiredService<GrainInterfaceTypeToGrainTypeResolver>());
        var username = UniqueName();
        var owner = await NewUserAsync(username);
        var member = await NewUserAsync();
        var conversationId = await NewConversationAsync(owner, member);

        Assert.Equal(User(owner), references.User(owner));
        Assert.Equal(Conversation(conversationId), references.Conversation(conversationId));
        Assert.Equal(User(owner).GetGrainId(), references.User(owner).GetGrainId());
        Assert.Equal(Conversation(conversationId).GetGrainId(), references.Conversation(conversationId).GetGrainId());
        var throttleKey = ThrottleKeys.SendsBy(owner);
        Assert.Equal(Client.GetGrain<IThrottleGrain>(throttleKey).GetGrainId(), references.Throttle(throttleKey).GetGrainId());

        Assert.Equal(username, (await references.User(owner).GetAsync()).Username);
        var sent = await references.Conversation(conversationId).SendAsync(member, new SendMessage("through the cached types", null));
        var page = await Conversation(conversationId).ListMessagesAsync(owner, Query());
        Assert.Equal(sent.Message.MessageId, Assert.Single(page.Results).MessageId);
    }
}
