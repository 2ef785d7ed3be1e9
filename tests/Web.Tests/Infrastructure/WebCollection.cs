namespace Web.Tests.Infrastructure;

/// <summary>The browser tests share one gateway and one browser; every test makes its own users.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
