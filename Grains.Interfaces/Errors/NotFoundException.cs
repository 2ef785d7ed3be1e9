namespace Grains.Interfaces;

/// <summary>The target does not exist, or no longer does (HTTP 404).</summary>
[GenerateSerializer]
public sealed class NotFoundException(string message) : DomainException(message);
