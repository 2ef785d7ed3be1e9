using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grains.Storage;

/// <summary>What the storage providers take from the container, with defaults for hosts that register none.</summary>
internal static class StorageServices
{
    public static TimeProvider TimeProviderOf(IServiceProvider services) =>
        services.GetService<TimeProvider>() ?? TimeProvider.System;

    public static ILogger<T> LoggerOf<T>(IServiceProvider services) =>
        services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
