namespace Actors;

/// <summary>A grain whose identity is a <see cref="Guid"/> key.</summary>
public interface IGrainWithGuidKey : IGrain;
