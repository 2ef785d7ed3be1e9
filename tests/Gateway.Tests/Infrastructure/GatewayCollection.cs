namespace Gateway.Tests.Infrastructure;

/// <summary>Tests that share one gateway (and so one silo and one database); each test makes its own users.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "gateway";
}
