namespace Actors.Runtime;

/// <summary>A piece of grain storage that is read before the grain activates.</summary>
internal interface IStateLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
