using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Grains.Storage.Sqlite;

/// <summary>Refuses SQLite options that cannot give durable, shared storage.</summary>
internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    private static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("SQLite storage needs a connection string naming the database file.");
        }
        else
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    failures.Add("The SQLite connection string has no Data Source.");
                }
                else if (builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly
                    || string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"SQLite storage needs a writable database file; '{builder.DataSource}' (Mode={builder.Mode}) is not one.");
                }
            }
            catch (ArgumentException exception)
            {
                failures.Add($"The SQLite connection string is invalid: {exception.Message}");
            }
        }

        if (!Enum.IsDefined(options.Synchronous))
        {
            failures.Add($"Synchronous must be Full or Normal, not {options.Synchronous}.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout > MaxBusyTimeout)
        {
            failures.Add($"BusyTimeout must be positive and at most {MaxBusyTimeout}, not {options.BusyTimeout}.");
        }

        if (options.MaxWritesPerCommit < 1)
        {
            failures.Add($"MaxWritesPerCommit must be 1 or more, not {options.MaxWritesPerCommit}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
