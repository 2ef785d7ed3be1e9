namespace Web.Tests.Infrastructure;

/// <summary>The tests of token expiry, on a gateway of their own (<see cref="ShortTokenFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class ShortTokenCollection : ICollectionFixture<ShortTokenFixture>
{
    public const string Name = "short-tokens";
}
