using Shop.TestSupport;

namespace Shop.Integration.Tests;

/// <summary>One private PostgreSQL server shared by the test classes of this collection; each class makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
