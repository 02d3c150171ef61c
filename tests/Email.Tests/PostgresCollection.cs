using Shop.TestSupport;

namespace Shop.Email.Tests;

/// <summary>One private PostgreSQL server for the e-mail tests; every test runs a silo on a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "E-mail jobs on PostgreSQL";
}
