using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>A connection holding this process's write turn on its database file, released on dispose.</summary>
internal sealed class SqliteWriteConnection(SqliteConnection connection, SemaphoreSlim writeGate) : IAsyncDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.DisposeAsync();
        }
        finally
        {
            writeGate.Release();
        }
    }
}
