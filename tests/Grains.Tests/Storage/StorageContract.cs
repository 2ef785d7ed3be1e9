using Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

/// <summary>
/// Base of the contract tests that every storage provider must pass. Each test gets a fresh container
/// over its class's database (schema applied); tests use their own keys, so they never see each other.
/// </summary>
public abstract class StorageContract : IAsyncLifetime
{
    private ServiceProvider? _services;
    private string? _connectionString;

    protected abstract IStorageTestProvider Provider { get; }

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("The test has not been initialized.");

    protected string ConnectionString => _connectionString ?? throw new InvalidOperationException("The test has not been initialized.");

    public virtual async Task InitializeAsync()
    {
        _connectionString = await Provider.GetDatabaseAsync(GetType().Name);
        _services = CreateServices(_connectionString);
        await _services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>A container as one silo would build it.</summary>
    protected ServiceProvider CreateServices(string connectionString)
    {
        var services = new ServiceCollection();
        Provider.AddStorage(services, connectionString);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    protected static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
