using Grains.Admin;
using Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

/// <summary>
/// What every <see cref="IUserDirectoryStore"/> must do: entries read back exactly (a null last login included) and
/// an upsert replaces one; "contains" matches username or email whatever the case, in any script; the role and
/// activity filters combine with it; pages come in username order, case ignored, and are counted; adding what is
/// missing leaves the entries already held as they are.
/// </summary>
public abstract class UserDirectoryStoreContract : StorageContract
{
    private static readonly DateTimeOffset BaseTime = new(2026, 11, 27, 10, 0, 0, 125, TimeSpan.Zero);

    private IUserDirectoryStore Store => Services.GetRequiredService<IUserDirectoryStore>();

    [Fact]
    public async Task AnEntryReadsBackExactlyAndAnUpsertReplacesIt()
    {
        var tag = Tag();
        var user = Entry($"{tag}_ada", tag) with { FirstName = "Ada", LastName = "Lovelace \"quoted\"", LastLoginAt = null };
        await Store.UpsertAsync(user, CancellationToken.None);
        Assert.Equal([user], (await Query(tag)).Users);

        var changed = user with
        {
            Username = $"{tag}_ada2",
            Email = $"{tag}.new@example.com",
            Role = UserRole.Admin,
            IsActive = false,
            LastLoginAt = BaseTime.AddHours(1),
        };
        await Store.UpsertAsync(changed, CancellationToken.None);

        var page = await Query(tag);
        Assert.Equal(1, page.Count);
        Assert.Equal([changed], page.Users);
    }

    [Fact]
    public async Task ContainsMatchesUsernameOrEmailWhateverTheCaseInAnyScript()
    {
        var tag = Tag();
        var byName = Entry($"Zoë_{tag}_Ünïcode", $"plain.{tag}");
        var byEmail = Entry($"{tag}_second", $"ÜNÏCODE.{tag}");
        var neither = Entry($"{tag}_third", $"other.{tag}");
        foreach (var user in new[] { byName, byEmail, neither })
        {
            await Store.UpsertAsync(user, CancellationToken.None);
        }

        var found = await Store.QueryAsync(new UserDirectoryQuery($"ünïcode.{tag}", null, null, 0, 10), CancellationToken.None);
        Assert.Equal([byEmail], found.Users);

        var both = await Store.QueryAsync(new UserDirectoryQuery("üNÏCODE", null, null, 0, 100), CancellationToken.None);
        Assert.Contains(byName, both.Users);
        Assert.Contains(byEmail, both.Users);
        Assert.DoesNotContain(neither, both.Users);

        // The filter is text, not a pattern: LIKE's wildcards match only themselves.
        Assert.Equal(0, (await Store.QueryAsync(new UserDirectoryQuery($"{tag}%", null, null, 0, 10), CancellationToken.None)).Count);
        Assert.Equal(0, (await Store.QueryAsync(new UserDirectoryQuery($"{tag[..4]}_{tag[5..]}", null, null, 0, 10), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task PagesAreInUsernameOrderCaseIgnoredCountedAndFiltered()
    {
        var tag = Tag();
        var names = new[] { "delta", "Alpha", "charlie", "Bravo", "echo", "foxtrot", "Golf" };
        var users = names.Select((name, i) => Entry($"{tag}_{name}", $"{name}.{tag}") with
        {
            Role = i % 3 == 0 ? UserRole.Admin : UserRole.User,
            IsActive = i != 4,
        }).ToList();
        await Task.WhenAll(users.Select(user => Store.UpsertAsync(user, CancellationToken.None)));

        var first = await Store.QueryAsync(new UserDirectoryQuery(tag, null, null, 0, 3), CancellationToken.None);
        var rest = await Store.QueryAsync(new UserDirectoryQuery(tag, null, null, 3, 10), CancellationToken.None);
        Assert.Equal(7, first.Count);
        Assert.Equal(
            ["Alpha", "Bravo", "charlie", "delta", "echo", "foxtrot", "Golf"],
            first.Users.Concat(rest.Users).Select(user => user.Username[(tag.Length + 1)..]));

        var admins = await Store.QueryAsync(new UserDirectoryQuery(tag, UserRole.Admin, null, 0, 10), CancellationToken.None);
        Assert.Equal(["Bravo", "delta", "Golf"], admins.Users.Select(user => user.Username[(tag.Length + 1)..]));
        var inactive = await Store.QueryAsync(new UserDirectoryQuery(tag, null, false, 0, 10), CancellationToken.None);
        Assert.Equal(["echo"], inactive.Users.Select(user => user.Username[(tag.Length + 1)..]));
        var activeAdmins = await Store.QueryAsync(new UserDirectoryQuery(tag, UserRole.Admin, true, 1, 10), CancellationToken.None);
        Assert.Equal(3, activeAdmins.Count);
        Assert.Equal(["delta", "Golf"], activeAdmins.Users.Select(user => user.Username[(tag.Length + 1)..]));
    }

    [Fact]
    public async Task AddingWhatIsMissingKeepsTheEntriesAlreadyHeld()
    {
        var tag = Tag();
        var held = Entry($"{tag}_held", tag) with { Role = UserRole.Admin, LastLoginAt = BaseTime.AddDays(1) };
        await Store.UpsertAsync(held, CancellationToken.None);
        var missing = Entry($"{tag}_missing", $"missing.{tag}");
        var olderHeld = held with { Role = UserRole.User, LastLoginAt = null };

        Assert.Equal(1, await Store.AddMissingAsync([olderHeld, missing], CancellationToken.None));
        Assert.Equal(0, await Store.AddMissingAsync([olderHeld, missing], CancellationToken.None));

        Assert.Equal([held, missing], (await Query(tag)).Users);
    }

    private static string Tag() => $"d{Guid.NewGuid():N}"[..13];

    private static AdminUserView Entry(string username, string emailLocalPart) =>
        new(Guid.NewGuid(), username, $"{emailLocalPart}@example.com", "First", "Last", UserRole.User, BaseTime, true, BaseTime.AddMinutes(5));

    private Task<UserDirectoryPage> Query(string contains) =>
        Store.QueryAsync(new UserDirectoryQuery(contains, null, null, 0, 100), CancellationToken.None);
}
