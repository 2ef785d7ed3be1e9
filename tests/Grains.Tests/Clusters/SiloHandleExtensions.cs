using Orleans.TestingHost;

namespace Grains.Tests.Clusters;

public static class SiloHandleExtensions
{
    /// <summary>The silo's own container (every silo of a TestCluster runs in this process).</summary>
    public static IServiceProvider Services(this SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services;
}
