using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>
/// The writer's commands, kept prepared on its connection. Microsoft.Data.Sqlite prepares a command's
/// statements when it first runs and finalizes them when the command is disposed; it keeps no statements
/// across commands, so a command created for each write parsed and planned its SQL every time. The
/// writer runs the same few statements for every write (journal and event appends, state writes, the
/// savepoints around each write), so it keeps one command per SQL text for as long as its connection
/// lives; closing the connection disposes them (the connection tracks its commands).
/// <para>Not thread-safe, as the connection itself: only the writer, inside its lock, uses them.</para>
/// </summary>
internal static class WriterCommands
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Prepared = [];

    /// <summary>
    /// The command for <paramref name="sql"/> on <paramref name="connection"/>, prepared once, its parameters
    /// cleared for the caller to add. The caller must not dispose it.
    /// </summary>
    public static SqliteCommand For(SqliteConnection connection, string sql)
    {
        var commands = Prepared.GetValue(connection, static _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        commands.Add(sql, command);
        return command;
    }
}
