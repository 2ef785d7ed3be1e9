using System.Buffers.Text;
using System.Security.Cryptography;
using Grains.Interfaces;
using Microsoft.AspNetCore.Identity;

namespace Grains;

/// <summary>
/// A service client (see <see cref="IServiceClientGrain"/>). Its bot user is an ordinary user without a password,
/// made through <see cref="IUserGrain.RegisterExternalAsync"/> with this client as the "issuer": it can be added to
/// conversations and sends as itself, and can never log in with a password.
/// </summary>
[GrainType("service-client")]
public sealed class ServiceClientGrain(
    [PersistentState("client")] IPersistentState<ServiceClientState> state,
    IPasswordHasher<ServiceClientState> hasher,
    TimeProvider time)
    : Grain, IServiceClientGrain
{
    /// <summary>The issuer the bot users' external profiles name: no token of an external provider can carry it.</summary>
    public const string BotIssuer = "urn:messaging:service-client";

    private const int NameMaxLength = 100;

    private ServiceClientState State => state.State;

    public async Task<ServiceClientSecret> CreateAsync(CreateServiceClient request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Created)
        {
            throw new ConflictException("This service client exists already.");
        }

        Validate(request);
        if (State.BotUserId == Guid.Empty)
        {
            State.BotUserId = Guid.CreateVersion7();
            await state.WriteStateAsync();
        }

        var clientId = this.GetPrimaryKey().ToString("D");
        var bot = await GrainFactory.GetGrain<IUserGrain>(State.BotUserId)
            .RegisterExternalAsync(new ExternalProfile(BotIssuer, clientId, $"bot-{request.Name}", null, false, request.Name.Trim(), "(bot)"));
        var now = time.GetUtcNow();
        State.Name = request.Name.Trim();
        State.Scopes = [.. ServiceScopes.All.Where(request.Scopes.Contains)];
        State.BotUsername = bot.Username;
        State.CreatedBy = request.CreatedBy;
        State.CreatedAt = now;
        var secret = NewSecret(now);
        State.Created = true;
        await state.WriteStateAsync();
        return await RecordedAsync(secret);
    }

    public async Task<ServiceClientSecret> RotateSecretAsync()
    {
        EnsureLive();
        var secret = NewSecret(time.GetUtcNow());
        await state.WriteStateAsync();
        return await RecordedAsync(secret);
    }

    public async Task<ServiceClientView> RevokeAsync()
    {
        if (!State.Created)
        {
            throw new NotFoundException("No such service client.");
        }

        if (State.RevokedAt is null)
        {
            State.RevokedAt = time.GetUtcNow();
            State.SecretHash = "";
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IServiceClientDirectoryGrain>(IServiceClientDirectoryGrain.Key).RecordAsync(ToView());
        }

        return ToView();
    }

    public async Task<ServiceClientView?> AuthenticateAsync(string secret)
    {
        if (!State.Created || State.RevokedAt is not null || State.SecretHash.Length == 0 || string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var result = hasher.VerifyHashedPassword(State, State.SecretHash, secret);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            State.SecretHash = hasher.HashPassword(State, secret);
            await state.WriteStateAsync();
        }

        return ToView();
    }

    public Task<ServiceClientView?> GetAsync() => Task.FromResult(State.Created ? ToView() : null);

    private static void Validate(CreateServiceClient request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > NameMaxLength)
        {
            errors["name"] = [$"Give a name of 1 to {NameMaxLength} characters."];
        }

        if (request.Scopes is not { Count: > 0 } || request.Scopes.Any(scope => !ServiceScopes.IsKnown(scope)))
        {
            errors["scopes"] = [$"Give one or more of: {string.Join(", ", ServiceScopes.All)}."];
        }

        if (errors.Count > 0)
        {
            throw new InvalidRequestException("The service client is not valid.", errors);
        }
    }

    /// <summary>A fresh 256-bit secret; only its hash is kept.</summary>
    private string NewSecret(DateTimeOffset now)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        State.SecretHash = hasher.HashPassword(State, secret);
        State.SecretRotatedAt = now;
        return secret;
    }

    private void EnsureLive()
    {
        if (!State.Created || State.RevokedAt is not null)
        {
            throw new NotFoundException("No such service client.");
        }
    }

    private async Task<ServiceClientSecret> RecordedAsync(string secret)
    {
        var view = ToView();
        await GrainFactory.GetGrain<IServiceClientDirectoryGrain>(IServiceClientDirectoryGrain.Key).RecordAsync(view);
        return new ServiceClientSecret(view, secret);
    }

    private ServiceClientView ToView() =>
        new(this.GetPrimaryKey(), State.Name, [.. State.Scopes], State.BotUserId, State.BotUsername, State.CreatedBy, State.CreatedAt,
            State.SecretRotatedAt, State.RevokedAt);
}
