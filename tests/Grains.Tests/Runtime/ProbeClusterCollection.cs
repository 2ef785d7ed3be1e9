namespace Grains.Tests.Runtime;

[CollectionDefinition(Name)]
public sealed class ProbeClusterCollection : ICollectionFixture<ProbeClusterFixture>
{
    public const string Name = "probe cluster";
}
