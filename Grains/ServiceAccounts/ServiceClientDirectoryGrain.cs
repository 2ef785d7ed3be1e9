using Grains.Interfaces;

namespace Grains;

/// <summary>The admins' list of service clients (see <see cref="IServiceClientDirectoryGrain"/>).</summary>
[GrainType("service-client-directory")]
public sealed class ServiceClientDirectoryGrain(
    [PersistentState("clients")] IPersistentState<ServiceClientDirectoryState> state)
    : Grain, IServiceClientDirectoryGrain
{
    public async Task RecordAsync(ServiceClientView client)
    {
        ArgumentNullException.ThrowIfNull(client);
        state.State.Clients[client.ClientId] = client;
        await state.WriteStateAsync();
    }

    public Task<ServiceClientPage> ListAsync(int offset, int limit)
    {
        var all = state.State.Clients.Values.OrderBy(client => client.CreatedAt).ThenBy(client => client.ClientId).ToList();
        return Task.FromResult(new ServiceClientPage(all.Count, [.. all.Skip(Math.Max(0, offset)).Take(Math.Max(0, limit))]));
    }
}
