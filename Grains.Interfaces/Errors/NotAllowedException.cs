namespace Grains.Interfaces;

/// <summary>The caller is known but not allowed to do this (HTTP 403).</summary>
[GenerateSerializer]
public sealed class NotAllowedException(string message) : DomainException(message);
