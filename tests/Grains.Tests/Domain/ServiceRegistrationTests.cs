using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
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
    public void LockoutDefaultsToFiveFailuresAndFiveMinutes()
    {
        using var services = new ServiceCollection().AddMessagingGrains().BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<UserGrainOptions>>().Value;

        Assert.Equal((5, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)), (options.MaxFailedAttempts, options.LockoutDuration, options.ActivityFlushDelay));
    }

    [Fact]
    public void InvalidUserOptionsAreRefused()
    {
        var collection = new ServiceCollection().AddMessagingGrains();
        collection.Configure<UserGrainOptions>(o => o.MaxFailedAttempts = 0);
        using var services = collection.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<UserGrainOptions>>().Value);
    }
}
