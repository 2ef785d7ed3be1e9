namespace Gateway.Tests.Infrastructure;

/// <summary>A registered user and the password it registered with.</summary>
public sealed record TestUser(Guid Id, string Username, string Email, string Password, string Role = "user");
