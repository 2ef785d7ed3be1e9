using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

/// <summary>A storage provider under test: where its databases come from and how a host registers it.</summary>
public interface IStorageTestProvider
{
    /// <summary>
    /// A database for the given name, created empty on first request and shared by later requests with the
    /// same name (a test class's database); returns its connection string.
    /// </summary>
    Task<string> GetDatabaseAsync(string name);

    /// <summary>Registers the provider's stores on a new container, as a host would.</summary>
    void AddStorage(IServiceCollection services, string connectionString);

    /// <summary>Reads one number straight from the database, around the stores, to check what they wrote.</summary>
    Task<long> QueryScalarAsync(string connectionString, string sql);
}
