using System.Reflection;

namespace Actors.Runtime;

/// <summary>The proxy behind every grain interface reference: turns each method call into a routed grain call.</summary>
#pragma warning disable CA1852 // DispatchProxy derives a type from this class at run time, so it cannot be sealed.
internal class GrainReference : DispatchProxy
#pragma warning restore CA1852
{
    private GrainCallRouter _router = null!;
    private GrainInterfaceInfo _interface = null!;

    public GrainId GrainId { get; private set; }

    public static TGrainInterface Create<TGrainInterface>(GrainCallRouter router, GrainInterfaceInfo info, GrainId grainId)
    {
        var proxy = (GrainReference)(object)Create<TGrainInterface, GrainReference>()!;
        proxy._router = router;
        proxy._interface = info;
        proxy.GrainId = grainId;
        return (TGrainInterface)(object)proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = _interface.GetMethod(targetMethod!);
        return method.ToProxyResult(_router.InvokeAsync(GrainId, method, args ?? []));
    }
}
