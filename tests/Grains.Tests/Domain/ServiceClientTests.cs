using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class ServiceClientTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    private IServiceClientGrain ServiceClient(Guid id) => Client.GetGrain<IServiceClientGrain>(id);

    private static CreateServiceClient Request(params string[] scopes) => new("Nightly build", scopes, Guid.NewGuid());

    [Fact]
    public async Task ACreatedClientHasABotUserWithoutAPasswordAndAuthenticatesWithItsSecretOnly()
    {
        var id = Guid.NewGuid();

        var created = await ServiceClient(id).CreateAsync(Request(ServiceScopes.MessagesWrite, ServiceScopes.MessagesRead));

        Assert.Equal([ServiceScopes.MessagesRead, ServiceScopes.MessagesWrite], created.Client.Scopes);
        var bot = await User(created.Client.BotUserId).GetAsync();
        Assert.Equal((created.Client.BotUsername, UserRole.User), (bot.Username, bot.Role));
        Assert.Equal(LoginStatus.Invalid, (await User(bot.UserId).CheckPasswordAsync(created.Secret)).Status);
        Assert.Equal(id, (await ServiceClient(id).AuthenticateAsync(created.Secret))?.ClientId);
        Assert.Null(await ServiceClient(id).AuthenticateAsync(created.Secret + "x"));
        Assert.Null(await ServiceClient(Guid.NewGuid()).AuthenticateAsync(created.Secret));
    }

    [Fact]
    public async Task TheStoredStateHoldsAHashNotTheSecret()
    {
        var id = Guid.NewGuid();
        var created = await ServiceClient(id).CreateAsync(Request(ServiceScopes.ConversationsRead));

        var (state, _) = await Cluster.ReadStoredStateAsync<ServiceClientState>(ServiceClient(id), "client");

        Assert.NotEmpty(state.SecretHash);
        Assert.DoesNotContain(created.Secret, state.SecretHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotationReplacesTheSecretAndRevocationEndsEveryOne()
    {
        var id = Guid.NewGuid();
        var created = await ServiceClient(id).CreateAsync(Request(ServiceScopes.MessagesRead));

        var rotated = await ServiceClient(id).RotateSecretAsync();
        Assert.Null(await ServiceClient(id).AuthenticateAsync(created.Secret));
        Assert.NotNull(await ServiceClient(id).AuthenticateAsync(rotated.Secret));

        var revoked = await ServiceClient(id).RevokeAsync();
        Assert.True(revoked.IsRevoked);
        Assert.Null(await ServiceClient(id).AuthenticateAsync(rotated.Secret));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceClient(id).RotateSecretAsync());
        Assert.True((await ServiceClient(id).GetAsync())!.IsRevoked);
    }

    [Fact]
    public async Task InvalidScopesAndNamesAreRefusedAndNothingIsCreated()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => ServiceClient(id).CreateAsync(Request("admin")));
        await Assert.ThrowsAsync<InvalidRequestException>(() => ServiceClient(id).CreateAsync(new CreateServiceClient(" ", [ServiceScopes.MessagesRead], Guid.NewGuid())));

        Assert.Contains("scopes", error.Errors!.Keys);
        Assert.Null(await ServiceClient(id).GetAsync());
    }

    [Fact]
    public async Task TheDirectoryListsClientsAsTheyLastChanged()
    {
        var id = Guid.NewGuid();
        await ServiceClient(id).CreateAsync(Request(ServiceScopes.MessagesRead));
        await ServiceClient(id).RevokeAsync();

        var all = await Client.GetGrain<IServiceClientDirectoryGrain>(IServiceClientDirectoryGrain.Key).ListAsync(0, int.MaxValue);

        Assert.True(all.Results.Single(client => client.ClientId == id).IsRevoked);
    }

    [Fact]
    public async Task ABotUserWithoutAPasswordLocksAfterFailuresAsAnyAccountDoes()
    {
        var created = await ServiceClient(Guid.NewGuid()).CreateAsync(Request(ServiceScopes.MessagesRead));
        var bot = User(created.Client.BotUserId);

        var statuses = new List<LoginStatus>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await bot.CheckPasswordAsync("guess")).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(LoginStatus.Invalid, 4), LoginStatus.LockedOut], statuses);
    }
}
