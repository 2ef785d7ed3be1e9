namespace Grains.Interfaces;

/// <summary>The request conflicts with existing data (HTTP 409).</summary>
[GenerateSerializer]
public sealed class ConflictException(string message) : DomainException(message);
