using Grains.Admin;
using Grains.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;

namespace Grains.Storage;

internal static class MessagingStorageCommon
{
    /// <summary>
    /// What both providers share: journals for grains, the schema applied before the silo starts, and the user
    /// directory's move out of its former grain state.
    /// </summary>
    public static IServiceCollection AddMessagingStorageCommon(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new GrainJournals(
            sp.GetRequiredService<IJournalStore>(), sp.GetRequiredKeyedService<IJournalStore>(GrainJournals.EventLogKey)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, StorageSchemaInitializer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, UserDirectoryImport>());
        return services;
    }
}
