using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gateway.Api.Auth;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Api;

/// <summary>
/// A database written by the gateway before the move onto Orleans (Fixtures/upgrade-from-own-runtime) opens
/// under the current gateway with its users, logins, conversations and messages intact. Each test runs the
/// current gateway on its own copy of the file, so each sees the first start after the upgrade.
/// </summary>
public sealed class UpgradeFromOwnRuntimeTests : IAsyncLifetime
{
    private const int PageSize = 100;

    private readonly UpgradeFixture _fixture = UpgradeFixture.Load();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"gateway-upgrade-{Guid.NewGuid():N}");
    private ExistingDataGatewayFactory _gateway = null!;

    public Task InitializeAsync()
    {
        Assert.NotEmpty(_fixture.Users);
        Assert.NotEmpty(_fixture.Logins);
        Assert.NotEmpty(_fixture.Conversations);
        Assert.Equal(GatewayFactory.Issuer, _fixture.Jwt.Issuer);
        Assert.Equal(GatewayFactory.Audience, _fixture.Jwt.Audience);
        UpgradeFixture.CopyDatabaseTo(_dataDirectory);
        _gateway = StartGateway();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task EveryUserLogsInWithTheirOldPasswordAndSeesTheirProfile()
    {
        foreach (var user in _fixture.Users)
        {
            var tokens = await LoginAsync(user.Profile.Username, user.Password);
            using var client = ClientWithAccess(tokens.Access);

            var me = await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me/"));

            Assert.Equal(user.Profile, me);
        }
    }

    [Fact]
    public async Task UsersLogInWithTheirEmailOrTheirUsernameInAnyCase()
    {
        foreach (var user in _fixture.Users)
        {
            var profile = user.Profile;
            string[] logins =
            [
                profile.Username.ToUpperInvariant(),
                profile.Username.ToLowerInvariant(),
                profile.Email!,
                profile.Email!.ToUpperInvariant(),
                profile.Email!.ToLowerInvariant(),
            ];
            foreach (var login in logins)
            {
                using var client = ClientWithAccess((await LoginAsync(login, user.Password)).Access);
                var me = await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me/"));
                Assert.Equal(profile.UserId, me.UserId);
            }
        }
    }

    [Fact]
    public async Task UsernameLookupFindsOldUsersInAnyCase()
    {
        using var client = _gateway.CreateClient(_fixture.Users[0].AsTestUser());
        foreach (var user in _fixture.Users)
        {
            foreach (var name in new[] { user.Profile.Username, user.Profile.Username.ToUpperInvariant(), user.Profile.Username.ToLowerInvariant() })
            {
                var page = await client.PageAsync<UserView>($"/api/users/?username={Uri.EscapeDataString(name)}");

                var found = Assert.Single(page.Results);
                Assert.Equal(user.Profile.UserId, found.UserId);
                Assert.Equal(user.Profile.Username, found.Username);
            }
        }
    }

    [Fact]
    public async Task OldUsernamesAndEmailsStayTakenInAnyCase()
    {
        using var client = _gateway.CreateClient();
        foreach (var user in _fixture.Users)
        {
            var fresh = $"fresh{Guid.NewGuid():N}"[..20];
            using var sameName = await client.PostAsJsonAsync("/api/register/", new
            {
                username = user.Profile.Username.ToUpperInvariant(),
                email = $"{fresh}@example.com",
                password = GatewayFactory.Password,
            });
            await ApiAssert.ProblemAsync(sameName, HttpStatusCode.Conflict);

            using var sameEmail = await client.PostAsJsonAsync("/api/register/", new
            {
                username = fresh,
                email = user.Profile.Email!.ToLowerInvariant(),
                password = GatewayFactory.Password,
            });
            await ApiAssert.ProblemAsync(sameEmail, HttpStatusCode.Conflict);
        }
    }

    [Fact]
    public async Task RefreshTokensOfLoginsMadeBeforeTheUpgradeStillRotate()
    {
        foreach (var login in _fixture.Logins.Where(login => !login.Revoked))
        {
            var rotated = await ApiAssert.OkAsync<TokenPair>(await RefreshAsync(login.CurrentRefresh));

            using var client = ClientWithAccess(rotated.Access);
            var me = await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me/"));
            Assert.Equal(login.UserId, me.UserId);
            await ApiAssert.OkAsync<TokenPair>(await RefreshAsync(rotated.Refresh));
        }
    }

    [Fact]
    public async Task ARefreshTokenRotatedBeforeTheUpgradeIsReuseAndEndsOnlyItsOwnLogin()
    {
        var reused = _fixture.Logins.Where(login => login.RotatedRefresh is not null).ToList();
        Assert.NotEmpty(reused);
        foreach (var login in reused)
        {
            await ApiAssert.ProblemAsync(await RefreshAsync(login.RotatedRefresh!), HttpStatusCode.Unauthorized);
            await ApiAssert.ProblemAsync(await RefreshAsync(login.CurrentRefresh), HttpStatusCode.Unauthorized);
        }

        foreach (var other in _fixture.Logins.Where(login => login.RotatedRefresh is null && !login.Revoked))
        {
            await ApiAssert.OkAsync<TokenPair>(await RefreshAsync(other.CurrentRefresh));
        }
    }

    [Fact]
    public async Task ALoginLoggedOutBeforeTheUpgradeStaysLoggedOut()
    {
        var loggedOut = _fixture.Logins.Where(login => login.Revoked).ToList();
        Assert.NotEmpty(loggedOut);
        foreach (var login in loggedOut)
        {
            await ApiAssert.ProblemAsync(await RefreshAsync(login.CurrentRefresh), HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task AnOldUserChangingTheirEmailReleasesTheOldOneAndTakesTheNewOne()
    {
        var user = _fixture.Users.First(user => user.Profile.Email != user.Profile.Email!.ToLowerInvariant());
        var newEmail = $"changed-{Guid.NewGuid():N}@example.com";
        using var client = _gateway.CreateClient(user.AsTestUser());

        var changed = await ApiAssert.OkAsync<UserView>(await client.PatchAsJsonAsync("/api/users/me/", new { email = newEmail }));

        Assert.Equal(newEmail, changed.Email);
        using var anonymous = _gateway.CreateClient();
        using var oldEmail = await anonymous.PostAsJsonAsync("/api/register/", new
        {
            username = $"fresh{Guid.NewGuid():N}"[..20],
            email = user.Profile.Email!.ToLowerInvariant(),
            password = GatewayFactory.Password,
        });
        await ApiAssert.OkAsync<UserView>(oldEmail, HttpStatusCode.Created);
        using var takenEmail = await anonymous.PostAsJsonAsync("/api/register/", new
        {
            username = $"fresh{Guid.NewGuid():N}"[..20],
            email = newEmail.ToUpperInvariant(),
            password = GatewayFactory.Password,
        });
        await ApiAssert.ProblemAsync(takenEmail, HttpStatusCode.Conflict);
        var tokens = await LoginAsync(newEmail, user.Password);
        using var relogged = ClientWithAccess(tokens.Access);
        Assert.Equal(user.Profile.UserId, (await ApiAssert.OkAsync<UserView>(await relogged.GetAsync("/api/users/me/"))).UserId);
    }

    [Fact]
    public async Task EachUserListsTheSameConversationsWithTheirTitlesParticipantsAndRoles()
    {
        foreach (var user in _fixture.Users)
        {
            using var client = _gateway.CreateClient(user.AsTestUser());

            var page = await client.PageAsync<ConversationView>("/api/conversations/");

            Assert.Equal(user.ConversationIds, page.Results.Select(conversation => conversation.ConversationId));
            Assert.Equal(user.ConversationIds.Count, page.Count);
            foreach (var conversation in page.Results)
            {
                AssertSameConversation(Conversation(conversation.ConversationId).Conversation, conversation);
            }
        }
    }

    [Fact]
    public async Task EachConversationShowsTheSameTitleParticipantsAndRolesToEveryParticipant()
    {
        foreach (var expected in _fixture.Conversations)
        {
            foreach (var participant in expected.Conversation.Participants)
            {
                using var client = ClientOf(participant.UserId);

                var conversation = await ApiAssert.OkAsync<ConversationView>(await client.GetAsync($"/api/conversations/{expected.Id}/"));

                AssertSameConversation(expected.Conversation, conversation);
            }
        }
    }

    [Fact]
    public async Task MessagesKeepTheirSeqBodiesSendersAndEditsAndTheDeletedOneStaysGone()
    {
        foreach (var expected in _fixture.Conversations)
        {
            using var client = ClientOf(expected.Conversation.CreatedBy);

            var oldestFirst = await client.PageAsync<MessageView>(MessagesUrl(expected.Id, "ordering=sent_at"));
            var newestFirst = await client.PageAsync<MessageView>(MessagesUrl(expected.Id));

            Assert.Equal(expected.Messages.Count, oldestFirst.Count);
            Assert.Equal(expected.Messages, oldestFirst.Results);
            Assert.Equal(expected.Messages.Reverse(), newestFirst.Results);
            foreach (var message in expected.Messages)
            {
                Assert.Equal(message, await ApiAssert.OkAsync<MessageView>(await client.GetAsync($"/api/conversations/{expected.Id}/messages/{message.MessageId}/")));
            }

            foreach (var deleted in expected.DeletedMessages)
            {
                using var response = await client.GetAsync($"/api/conversations/{expected.Id}/messages/{deleted.MessageId}/");
                await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound);
                var around = await client.PageAsync<MessageView>(MessagesUrl(expected.Id, $"after_seq={deleted.Seq - 1}&ordering=sent_at"));
                Assert.DoesNotContain(deleted.Seq, around.Results.Select(message => message.Seq));
            }
        }
    }

    [Fact]
    public async Task ReplayingAnOldClientMessageIdReturnsTheOriginalMessageAndStoresNothing()
    {
        foreach (var expected in _fixture.Conversations)
        {
            foreach (var original in expected.Messages.Where(message => message.ClientMessageId is not null))
            {
                using var sender = ClientOf(original.Sender.UserId);

                using var response = await sender.PostAsJsonAsync(
                    $"/api/conversations/{expected.Id}/messages/",
                    new { message_body = original.MessageBody, client_message_id = original.ClientMessageId });

                Assert.Equal(original, await ApiAssert.OkAsync<MessageView>(response));
            }

            using var client = ClientOf(expected.Conversation.CreatedBy);
            var page = await client.PageAsync<MessageView>(MessagesUrl(expected.Id, "ordering=sent_at"));
            Assert.Equal(expected.Messages, page.Results);

            // Old news: the replays put nothing into the participants' event streams.
            using var events = new HttpRequestMessage(HttpMethod.Get, "/api/events/?close_after=1");
            events.Headers.TryAddWithoutValidation("Last-Event-ID", "0");
            using var stream = await client.SendAsync(events);
            Assert.Equal("", await stream.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ANewMessageTakesTheSeqAfterTheOldOnes()
    {
        foreach (var expected in _fixture.Conversations)
        {
            using var client = ClientOf(expected.Conversation.CreatedBy);

            var sent = await client.SendAsync(expected.Id, "first message after the upgrade", "after-upgrade");

            Assert.Equal(expected.NextSeq, sent.Seq);
            var page = await client.PageAsync<MessageView>(MessagesUrl(expected.Id, "ordering=sent_at"));
            Assert.Equal(expected.Messages.Append(sent), page.Results);
            var conversation = await ApiAssert.OkAsync<ConversationView>(await client.GetAsync($"/api/conversations/{expected.Id}/"));
            Assert.Equal(sent.SentAt, conversation.LastMessageAt);
        }
    }

    [Fact]
    public async Task ARemovedParticipantIsRefused()
    {
        var removals = _fixture.Conversations.SelectMany(conversation => conversation.RemovedParticipantIds.Select(user => (conversation, user))).ToList();
        Assert.NotEmpty(removals);
        foreach (var (expected, userId) in removals)
        {
            using var client = ClientOf(userId);
            var message = expected.Messages[0];

            await ApiAssert.ProblemAsync(await client.GetAsync($"/api/conversations/{expected.Id}/"), HttpStatusCode.Forbidden);
            await ApiAssert.ProblemAsync(await client.GetAsync(MessagesUrl(expected.Id)), HttpStatusCode.Forbidden);
            await ApiAssert.ProblemAsync(
                await client.GetAsync($"/api/conversations/{expected.Id}/messages/{message.MessageId}/"), HttpStatusCode.Forbidden);
            await ApiAssert.ProblemAsync(
                await client.PostAsJsonAsync($"/api/conversations/{expected.Id}/messages/", new { message_body = "let me back in" }),
                HttpStatusCode.Forbidden);
            var conversations = await client.PageAsync<ConversationView>("/api/conversations/");
            Assert.DoesNotContain(expected.Id, conversations.Results.Select(conversation => conversation.ConversationId));
        }
    }

    [Fact]
    public async Task TheUpgradedDataSurvivesARestartMigratedOnceAndNothingDuplicated()
    {
        var login = _fixture.Logins.First(candidate => candidate.RotatedRefresh is null && !candidate.Revoked);
        var beforeRestart = await ApiAssert.OkAsync<TokenPair>(await RefreshAsync(login.CurrentRefresh));
        var sent = new Dictionary<Guid, MessageView>();
        foreach (var expected in _fixture.Conversations)
        {
            using var client = ClientOf(expected.Conversation.CreatedBy);
            sent[expected.Id] = await client.SendAsync(expected.Id, "sent before the restart", "before-restart");
        }

        await _gateway.DisposeAsync();
        var migrations = await SchemaVersionsAsync();
        _gateway = StartGateway();

        await ApiAssert.OkAsync<TokenPair>(await RefreshAsync(beforeRestart.Refresh));
        await ApiAssert.ProblemAsync(await RefreshAsync(login.CurrentRefresh), HttpStatusCode.Unauthorized);
        foreach (var user in _fixture.Users)
        {
            using var client = ClientWithAccess((await LoginAsync(user.Profile.Username, user.Password)).Access);
            Assert.Equal(user.Profile, await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me/")));
            var conversations = await client.PageAsync<ConversationView>("/api/conversations/");
            Assert.Equal(user.ConversationIds.Count, conversations.Count);
            Assert.Equal(user.ConversationIds.Order(), conversations.Results.Select(conversation => conversation.ConversationId).Order());
        }

        foreach (var expected in _fixture.Conversations)
        {
            using var client = ClientOf(expected.Conversation.CreatedBy);
            var page = await client.PageAsync<MessageView>(MessagesUrl(expected.Id, "ordering=sent_at"));
            Assert.Equal(expected.Messages.Append(sent[expected.Id]), page.Results);

            using var replay = await client.PostAsJsonAsync(
                $"/api/conversations/{expected.Id}/messages/", new { message_body = "sent before the restart", client_message_id = "before-restart" });
            Assert.Equal(sent[expected.Id], await ApiAssert.OkAsync<MessageView>(replay));
            Assert.Equal(expected.NextSeq + 1, (await client.SendAsync(expected.Id, "sent after the restart")).Seq);
        }

        await _gateway.DisposeAsync();
        Assert.Equal(new[] { (1L, "001_initial"), (2L, "002_covering_journal_indexes"), (3L, "003_orleans"), (4L, "004_journal_entry_id_order"), (5L, "005_audit_events"), (6L, "006_event_log"), (7L, "007_event_log_rowid"), (8L, "008_journal_entry_id_first"), (9L, "009_user_directory") }, migrations.Select(row => (row.Version, row.Name)));
        Assert.Equal(migrations, await SchemaVersionsAsync());
        var liveMessages = _fixture.Conversations.Sum(conversation => conversation.Messages.Count);
        var deletedMessages = _fixture.Conversations.Sum(conversation => conversation.DeletedMessages.Count);
        Assert.Equal(liveMessages + deletedMessages + (2 * _fixture.Conversations.Count), await ScalarAsync("SELECT COUNT(*) FROM journal WHERE stream LIKE 'messages/%'"));
        Assert.Equal(_fixture.Users.Count, await ScalarAsync("SELECT COUNT(*) FROM grain_state WHERE grain_type = 'user.user'"));
        Assert.Equal(_fixture.Conversations.Count, await ScalarAsync("SELECT COUNT(*) FROM grain_state WHERE grain_type = 'conversation.conversation'"));
        Assert.Equal(_fixture.Users.Count, await ScalarAsync("SELECT COUNT(*) FROM grain_state WHERE grain_type = 'username.reservation' AND grain_key LIKE 'username/%'"));
        Assert.Equal(_fixture.Users.Count, await ScalarAsync("SELECT COUNT(*) FROM grain_state WHERE grain_type = 'email.reservation' AND grain_key LIKE 'email/%'"));
        // Besides the upgraded grains, the admin user directory (one row, written by the logins above).
        Assert.Equal(
            (3 * _fixture.Users.Count) + _fixture.Conversations.Count,
            await ScalarAsync("SELECT COUNT(*) FROM grain_state WHERE grain_type NOT LIKE 'user-directory%'"));
    }

    private static void AssertSameConversation(ConversationView expected, ConversationView actual)
    {
        Assert.Equal(expected.ConversationId, actual.ConversationId);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.CreatedBy, actual.CreatedBy);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.LastMessageAt, actual.LastMessageAt);
        Assert.Equal(expected.Participants, actual.Participants);
    }

    private static string MessagesUrl(Guid conversationId, string? query = null) =>
        $"/api/conversations/{conversationId}/messages/?page_size={PageSize}" + (query is null ? "" : $"&{query}");

    private ExpectedConversation Conversation(Guid conversationId) =>
        _fixture.Conversations.Single(conversation => conversation.Id == conversationId);

    private HttpClient ClientOf(Guid userId) => _gateway.CreateClient(_fixture.User(userId).AsTestUser());

    private HttpClient ClientWithAccess(string access)
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }

    private ExistingDataGatewayFactory StartGateway() => new(_dataDirectory, _fixture.Jwt.SigningKey);

    private async Task<HttpResponseMessage> RefreshAsync(string refresh)
    {
        using var client = _gateway.CreateClient();
        return await client.PostAsJsonAsync("/api/token/refresh/", new { refresh });
    }

    private async Task<TokenPair> LoginAsync(string username, string password)
    {
        using var client = _gateway.CreateClient();
        return await ApiAssert.OkAsync<TokenPair>(await client.PostAsJsonAsync("/api/token/", new { username, password }));
    }

    private async Task<List<(long Version, string Name, long AppliedAt)>> SchemaVersionsAsync()
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name, applied_at_ms FROM schema_version ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<SqliteConnection> OpenDatabaseAsync()
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_dataDirectory, "messaging.db"),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
