namespace Gateway.Tests.Infrastructure;

/// <summary>Tests of the gateway with asymmetric keys, a key rotation under way, external identity providers and CORS.</summary>
[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityGatewayFactory>
{
    public const string Name = "identity";
}
