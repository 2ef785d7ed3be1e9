using Grains.Interfaces;
using Orleans.Metadata;

namespace Grains.Hosting;

/// <summary>
/// References to user, conversation and throttle grains, for the paths that every send and read takes. Orleans
/// 10.4.2's <c>IGrainFactory.GetGrain&lt;T&gt;(Guid)</c> finds the grain interface type of <c>T</c> by
/// reading its attributes again on every call (3% of the gateway's CPU under sends, in a profile); this
/// resolves the interface type and its grain type once, and asks the factory for the reference by grain
/// id and interface type, which gives the same reference without the reflection.
/// </summary>
public sealed class GrainReferences(
    IGrainFactory grains, GrainInterfaceTypeResolver interfaceTypes, GrainInterfaceTypeToGrainTypeResolver grainTypes)
{
    private Target? _user;
    private Target? _conversation;
    private Target? _throttle;

    public IUserGrain User(Guid userId) => Get<IUserGrain>(ref _user, userId);

    public IConversationGrain Conversation(Guid conversationId) => Get<IConversationGrain>(ref _conversation, conversationId);

    public IThrottleGrain Throttle(string key) => Get<IThrottleGrain>(ref _throttle, IdSpan.Create(key));

    private T Get<T>(ref Target? target, Guid key)
        where T : IGrainWithGuidKey =>
        Get<T>(ref target, GrainIdKeyExtensions.CreateGuidKey(key));

    private T Get<T>(ref Target? target, IdSpan key)
    {
        // Resolved on first use, when a client has the cluster's manifest; a race resolves the same values twice.
        target ??= Resolve(typeof(T));
        return (T)grains.GetGrain(GrainId.Create(target.GrainType, key), target.InterfaceType);
    }

    private Target Resolve(Type interfaceType)
    {
        var grainInterfaceType = interfaceTypes.GetGrainInterfaceType(interfaceType);
        return new Target(grainTypes.GetGrainType(grainInterfaceType), grainInterfaceType);
    }

    private sealed record Target(GrainType GrainType, GrainInterfaceType InterfaceType);
}
