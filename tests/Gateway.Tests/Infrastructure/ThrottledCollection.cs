namespace Gateway.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ThrottledCollection : ICollectionFixture<ThrottledGatewayFactory>
{
    public const string Name = "throttled";
}
