using Shop.TestSupport;

namespace Shop.Streaming.Tests;

/// <summary>One private PostgreSQL server for the streaming tests; every test makes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Streaming on PostgreSQL";
}
