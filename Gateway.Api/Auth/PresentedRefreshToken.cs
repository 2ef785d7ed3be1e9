using Grains.Interfaces;

namespace Gateway.Api.Auth;

/// <summary>A validly signed, unexpired refresh token: whose it is and which place in which family it holds.</summary>
public sealed record PresentedRefreshToken(Guid UserId, RefreshToken Token);
