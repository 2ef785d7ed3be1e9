namespace Actors;

/// <summary>Returns references (proxies) to grains. Getting a reference never activates the grain.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey;

    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}
