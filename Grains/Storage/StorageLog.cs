using Microsoft.Extensions.Logging;

namespace Grains.Storage;

/// <summary>Log messages of the storage providers.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applied {Provider} schema script {Version} ({Name})")]
    public static partial void SchemaScriptApplied(ILogger logger, string provider, int version, string name);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "{Provider} schema is at version {Version}")]
    public static partial void SchemaUpToDate(ILogger logger, string provider, int version);
}
