using Grains.Hosting;
using Grains.Storage.Postgres;
using Grains.Storage.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grains.Tests.Domain;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void PasswordsAreHashedWithTheDocumentedIterationCountByDefault()
    {
        using var services = new ServiceCollection().AddMessagingGrains().BuildServiceProvider();

        Assert.Equal(210_000, services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
    }

    [Fact]
    public void TheIterationCountCanBeChangedAfterRegistration()
    {
        var collection = new ServiceCollection().AddMessagingGrains();
        collection.Configure<PasswordHasherOptions>(o => o.IterationCount = 600_000);
        using var services = collection.BuildServiceProvider();

        Assert.Equal(600_000, services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
    }

    [Fact]
    public void LockoutDefaultsToFiveFailuresInFifteenMinutesLockingFifteenMinutes()
    {
        using var services = new ServiceCollection().AddMessagingGrains().BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<UserGrainOptions>>().Value;

        Assert.Equal(
            (5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(1)),
            (options.MaxFailedAttempts, options.FailureWindow, options.LockoutDuration, options.ActivityFlushDelay));
    }

    [Fact]
    public void InvalidUserOptionsAreRefused()
    {
        var collection = new ServiceCollection().AddMessagingGrains();
        collection.Configure<UserGrainOptions>(o => o.MaxFailedAttempts = 0);
        using var services = collection.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<UserGrainOptions>>().Value);
    }

    [Fact]
    public void SqliteStorageSettingsComeFromTheMessagingSection()
    {
        using var host = SiloHost("sqlite", "Data Source=unused.db", ("Messaging:Sqlite:MaxWritesPerCommit", "1"), ("Messaging:Sqlite:Synchronous", "Normal"));
        var options = host.Services.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;

        Assert.Equal((1, SqliteSynchronousMode.Normal, "Data Source=unused.db"), (options.MaxWritesPerCommit, options.Synchronous, options.ConnectionString));
    }

    [Fact]
    public void PostgresStorageSettingsComeFromTheMessagingSection()
    {
        using var host = SiloHost("postgres", "Host=127.0.0.1;Database=unused", ("Messaging:Postgres:MaxAppendsPerCommit", "1"));

        Assert.Equal(1, host.Services.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.MaxAppendsPerCommit);
    }

    /// <summary>A silo's host as the Silo process configures it, built but not started.</summary>
    private static IHost SiloHost(string provider, string connectionString, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.UseOrleans(silo => silo.AddMessagingSilo(builder.Configuration, new MessagingStorageSettings(provider, connectionString), openGateway: false));
        return builder.Build();
    }
}
