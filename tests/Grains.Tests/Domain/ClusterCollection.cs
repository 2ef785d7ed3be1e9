namespace Grains.Tests.Domain;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "messaging cluster";
}
