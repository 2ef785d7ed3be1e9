using Orleans.Concurrency;

namespace Grains.Interfaces;

/// <summary>
/// A service client of the OAuth2 client credentials grant (key: its client id): scopes, the hash of its secret,
/// the bot user it acts as. Secrets are made here, answered once and kept only as a hash.
/// </summary>
public interface IServiceClientGrain : IGrainWithGuidKey
{
    /// <summary>Creates the client and its bot user; <see cref="ConflictException"/> when it exists already.</summary>
    Task<ServiceClientSecret> CreateAsync(CreateServiceClient request);

    /// <summary>A new secret; the previous one stops working. <see cref="NotFoundException"/> for an unknown or revoked client.</summary>
    Task<ServiceClientSecret> RotateSecretAsync();

    /// <summary>Revokes the client for good: no secret works and its tokens are refused. <see cref="NotFoundException"/> when unknown.</summary>
    Task<ServiceClientView> RevokeAsync();

    /// <summary>The client when <paramref name="secret"/> is its current secret and it is not revoked; null otherwise.</summary>
    Task<ServiceClientView?> AuthenticateAsync(string secret);

    /// <summary>The client, revoked or not; null when it was never created.</summary>
    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<ServiceClientView?> GetAsync();
}
