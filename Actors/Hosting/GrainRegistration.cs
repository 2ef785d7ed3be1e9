namespace Actors.Hosting;

/// <summary>A grain interface and the class that implements it, registered with <see cref="GrainServiceCollectionExtensions.AddGrain{TGrainInterface, TGrain}"/>.</summary>
public sealed record GrainRegistration(Type InterfaceType, Type ImplementationType);
