using Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;

namespace Grains.Admin;

/// <summary>
/// Moves the directory that earlier versions kept as one grain state (<see cref="UserDirectoryState"/>) into the
/// <c>user_directory</c> table when a silo starts, before it takes calls: entries the table lacks are added, entries
/// it holds are newer and stay, and the old state is then cleared, so later starts find nothing to do. Silos that
/// start together may both import; adding only what is missing makes that harmless.
/// </summary>
internal sealed partial class UserDirectoryImport(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    internal const string StateName = "directory";

    internal static readonly GrainId FormerGrainId =
        GrainId.Create(GrainType.Create("user-directory"), GrainIdKeyExtensions.CreateIntegerKey(0));

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(UserDirectoryImport), ServiceLifecycleStage.ApplicationServices + 2, ImportAsync);

    /// <summary>Imports the former state, if any; returns how many entries it added.</summary>
    internal async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        var storage = services.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        if (storage is null)
        {
            return 0;
        }

        var former = new GrainState<UserDirectoryState>(new UserDirectoryState());
        await storage.ReadStateAsync(StateName, FormerGrainId, former);
        if (!former.RecordExists || former.State is not { Users.Count: > 0 } state)
        {
            return 0;
        }

        var added = await services.GetRequiredService<IUserDirectoryStore>().AddMissingAsync(state.Users.Values, cancellationToken);
        try
        {
            await storage.ClearStateAsync(StateName, FormerGrainId, former);
        }
        catch (InconsistentStateException)
        {
            // Another silo imported and cleared it first.
        }

        LogImported(StorageServices.LoggerOf<UserDirectoryImport>(services), added, state.Users.Count);
        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Added} of {Entries} user directory entries from the former directory grain state into the user_directory table")]
    private static partial void LogImported(ILogger logger, int added, int entries);
}
