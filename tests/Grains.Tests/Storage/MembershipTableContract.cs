using Actors.Membership;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

/// <summary>What every <see cref="IMembershipTable"/> must do: upserts, heartbeats, and dead silos that stay dead.</summary>
public abstract class MembershipTableContract : StorageContract
{
    private static readonly DateTimeOffset StartedAt = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    private IMembershipTable Table => Services.GetRequiredService<IMembershipTable>();

    [Fact]
    public async Task UpsertedSiloReadsBackWithMillisecondTimes()
    {
        var entry = Silo(SiloStatus.Joining) with
        {
            StartedAt = StartedAt.AddTicks(4_321).ToOffset(TimeSpan.FromHours(3)),
            HeartbeatAt = StartedAt.AddSeconds(1).AddTicks(9_999),
        };

        await Table.UpsertAsync(entry, CancellationToken.None);

        var expected = entry with { StartedAt = StartedAt, HeartbeatAt = StartedAt.AddSeconds(1) };
        Assert.Equal(expected, await ReadAsync(entry.SiloId));
    }

    [Fact]
    public async Task UpsertReplacesExistingRow()
    {
        var entry = Silo(SiloStatus.Joining);
        await Table.UpsertAsync(entry, CancellationToken.None);
        var replacement = entry with { Host = "10.0.0.7", Port = 30001, Status = SiloStatus.Active, HeartbeatAt = StartedAt.AddSeconds(5) };

        await Table.UpsertAsync(replacement, CancellationToken.None);

        Assert.Equal(replacement, await ReadAsync(entry.SiloId));
        Assert.Single(await Table.ReadAllAsync(CancellationToken.None), silo => silo.SiloId == entry.SiloId);
    }

    [Fact]
    public async Task HeartbeatRenewsLiveSilo()
    {
        var entry = Silo(SiloStatus.Active);
        await Table.UpsertAsync(entry, CancellationToken.None);
        var now = StartedAt.AddSeconds(3);

        var renewed = await Table.HeartbeatAsync(entry.SiloId, now, CancellationToken.None);

        Assert.True(renewed);
        Assert.Equal(entry with { HeartbeatAt = now }, await ReadAsync(entry.SiloId));
    }

    [Fact]
    public async Task HeartbeatOfUnknownSiloReturnsFalseAndCreatesNothing()
    {
        var siloId = $"silo-{Guid.NewGuid():N}";

        var renewed = await Table.HeartbeatAsync(siloId, StartedAt, CancellationToken.None);

        Assert.False(renewed);
        Assert.Null(await ReadAsync(siloId));
    }

    [Fact]
    public async Task HeartbeatOfDeadSiloReturnsFalseAndChangesNothing()
    {
        var entry = Silo(SiloStatus.Dead);
        await Table.UpsertAsync(entry, CancellationToken.None);

        var renewed = await Table.HeartbeatAsync(entry.SiloId, StartedAt.AddMinutes(1), CancellationToken.None);

        Assert.False(renewed);
        Assert.Equal(entry, await ReadAsync(entry.SiloId));
    }

    [Fact]
    public async Task SetStatusChangesLiveSilo()
    {
        var entry = Silo(SiloStatus.Joining);
        await Table.UpsertAsync(entry, CancellationToken.None);

        await Table.SetStatusAsync(entry.SiloId, SiloStatus.Active, CancellationToken.None);
        var active = await ReadAsync(entry.SiloId);
        await Table.SetStatusAsync(entry.SiloId, SiloStatus.ShuttingDown, CancellationToken.None);

        Assert.Equal(entry with { Status = SiloStatus.Active }, active);
        Assert.Equal(entry with { Status = SiloStatus.ShuttingDown }, await ReadAsync(entry.SiloId));
    }

    [Theory]
    [InlineData(SiloStatus.Joining)]
    [InlineData(SiloStatus.Active)]
    [InlineData(SiloStatus.ShuttingDown)]
    public async Task DeadSiloNeverChangesStatusAgain(SiloStatus attempted)
    {
        var entry = Silo(SiloStatus.Active);
        await Table.UpsertAsync(entry, CancellationToken.None);
        await Table.SetStatusAsync(entry.SiloId, SiloStatus.Dead, CancellationToken.None);

        await Table.SetStatusAsync(entry.SiloId, attempted, CancellationToken.None);

        Assert.Equal(entry with { Status = SiloStatus.Dead }, await ReadAsync(entry.SiloId));
        Assert.False(await Table.HeartbeatAsync(entry.SiloId, StartedAt.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task SetStatusOfUnknownSiloCreatesNothing()
    {
        var siloId = $"silo-{Guid.NewGuid():N}";

        await Table.SetStatusAsync(siloId, SiloStatus.Active, CancellationToken.None);

        Assert.Null(await ReadAsync(siloId));
    }

    [Fact]
    public async Task DeleteDeadRemovesOnlyDeadSilosWithOlderHeartbeats()
    {
        var cutoff = StartedAt.AddMinutes(10);
        var deadLongAgo = Silo(SiloStatus.Dead) with { HeartbeatAt = cutoff.AddMilliseconds(-1) };
        var deadAtCutoff = Silo(SiloStatus.Dead) with { HeartbeatAt = cutoff };
        var deadRecently = Silo(SiloStatus.Dead) with { HeartbeatAt = cutoff.AddMinutes(1) };
        var activeLongAgo = Silo(SiloStatus.Active) with { HeartbeatAt = cutoff.AddMinutes(-5) };
        var shuttingDownLongAgo = Silo(SiloStatus.ShuttingDown) with { HeartbeatAt = cutoff.AddMinutes(-5) };
        SiloEntry[] silos = [deadLongAgo, deadAtCutoff, deadRecently, activeLongAgo, shuttingDownLongAgo];
        foreach (var silo in silos)
        {
            await Table.UpsertAsync(silo, CancellationToken.None);
        }

        await Table.DeleteDeadAsync(cutoff, CancellationToken.None);

        var remaining = (await Table.ReadAllAsync(CancellationToken.None))
            .Where(silo => silos.Any(mine => mine.SiloId == silo.SiloId))
            .OrderBy(silo => silo.SiloId, StringComparer.Ordinal);
        SiloEntry[] expected = [deadAtCutoff, deadRecently, activeLongAgo, shuttingDownLongAgo];
        Assert.Equal(expected.OrderBy(silo => silo.SiloId, StringComparer.Ordinal), remaining);
    }

    [Fact]
    public async Task ReadAllListsEverySilo()
    {
        var first = Silo(SiloStatus.Active);
        var second = Silo(SiloStatus.Joining);
        await Table.UpsertAsync(first, CancellationToken.None);
        await Table.UpsertAsync(second, CancellationToken.None);

        var all = await Table.ReadAllAsync(CancellationToken.None);

        Assert.Contains(first, all);
        Assert.Contains(second, all);
    }

    private static SiloEntry Silo(SiloStatus status) =>
        new($"silo-{Guid.NewGuid():N}", "127.0.0.1", 11111, status, StartedAt, StartedAt.AddSeconds(1));

    private async Task<SiloEntry?> ReadAsync(string siloId) =>
        (await Table.ReadAllAsync(CancellationToken.None)).SingleOrDefault(silo => silo.SiloId == siloId);
}
