using Microsoft.Extensions.Options;
using Npgsql;

namespace Grains.Storage.Postgres;

/// <summary>Refuses PostgreSQL options that cannot work.</summary>
internal sealed class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("PostgreSQL storage needs a connection string.");
        }
        else
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    failures.Add("The PostgreSQL connection string has no Host.");
                }
            }
            catch (ArgumentException exception)
            {
                failures.Add($"The PostgreSQL connection string is invalid: {exception.Message}");
            }
        }

        if (options.MaxAppendsPerCommit < 1)
        {
            failures.Add($"MaxAppendsPerCommit must be 1 or more, not {options.MaxAppendsPerCommit}.");
        }

        if (options.MaxConcurrentCommits < 1)
        {
            failures.Add($"MaxConcurrentCommits must be 1 or more, not {options.MaxConcurrentCommits}.");
        }

        if (options.MaxAutoPrepare < 0)
        {
            failures.Add($"MaxAutoPrepare must not be negative, not {options.MaxAutoPrepare}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
