using Grains.Admin;
using Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

/// <summary>
/// What every <see cref="IAuditStore"/> must do: events read back exactly (nulls included), newest first, counted,
/// paged, and filtered by user, event type and an inclusive time range.
/// </summary>
public abstract class AuditStoreContract : StorageContract
{
    private static readonly DateTimeOffset BaseTime = new(2026, 11, 26, 3, 0, 0, 125, TimeSpan.Zero);

    private IAuditStore Store => Services.GetRequiredService<IAuditStore>();

    [Fact]
    public async Task AnEventReadsBackExactlyWithItsNulls()
    {
        var user = Guid.NewGuid();
        var full = new AuditEvent(
            Guid.CreateVersion7(), AuditEventTypes.AccessDenied, BaseTime, user, user, "2001:db8::1", "curl/8.5 \"quoted\" ünïcode",
            Guid.NewGuid(), "GET /api/conversations/x/");
        var sparse = new AuditEvent(Guid.CreateVersion7(), AuditEventTypes.LoginFailed, BaseTime.AddMinutes(1), user, null, null, null, null, null);
        await Store.AppendAsync(full, CancellationToken.None);
        await Store.AppendAsync(sparse, CancellationToken.None);

        var page = await Store.QueryAsync(new AuditQuery(user, null, null, null, 0, 10), CancellationToken.None);
        Assert.Equal(2, page.Count);
        Assert.Equal([sparse, full], page.Events);
    }

    [Fact]
    public async Task AppendingAnEventTwiceStoresItOnce()
    {
        var user = Guid.NewGuid();
        var once = new AuditEvent(Guid.CreateVersion7(), AuditEventTypes.TokenRefreshed, BaseTime, user, user, null, null, null, null);
        await Store.AppendAsync(once, CancellationToken.None);
        await Store.AppendAsync(once, CancellationToken.None);
        Assert.Equal(1, (await Store.QueryAsync(new AuditQuery(user, null, null, null, 0, 10), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task PagesAreNewestFirstAndFiltersCombine()
    {
        var user = Guid.NewGuid();
        var other = Guid.NewGuid();
        var names = new[] { AuditEventTypes.LoginSucceeded, AuditEventTypes.LoginFailed, AuditEventTypes.TokenBlacklisted };
        var appends = Enumerable.Range(0, 30).Select(i => Store.AppendAsync(
            new AuditEvent(Guid.CreateVersion7(), names[i % 3], BaseTime.AddSeconds(i), i % 5 == 4 ? other : user, null, "127.0.0.1", null, null, null),
            CancellationToken.None));
        await Task.WhenAll(appends);

        var first = await Store.QueryAsync(new AuditQuery(user, null, null, null, 0, 10), CancellationToken.None);
        var second = await Store.QueryAsync(new AuditQuery(user, null, null, null, 10, 10), CancellationToken.None);
        Assert.Equal(24, first.Count);
        var times = first.Events.Concat(second.Events).Select(e => e.At).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal(20, times.Distinct().Count());

        var failed = await Store.QueryAsync(new AuditQuery(user, AuditEventTypes.LoginFailed, null, null, 0, 100), CancellationToken.None);
        Assert.All(failed.Events, e => Assert.Equal(AuditEventTypes.LoginFailed, e.Event));
        Assert.Equal(8, failed.Count);

        var window = await Store.QueryAsync(
            new AuditQuery(user, null, BaseTime.AddSeconds(10), BaseTime.AddSeconds(14), 0, 100), CancellationToken.None);
        Assert.Equal([13, 12, 11, 10], window.Events.Select(e => (int)(e.At - BaseTime).TotalSeconds));

        var inParis = await Store.QueryAsync(
            new AuditQuery(user, null, BaseTime.AddSeconds(10).ToOffset(TimeSpan.FromHours(1)), null, 0, 100), CancellationToken.None);
        Assert.Equal(16, inParis.Count);
    }
}
