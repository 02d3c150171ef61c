using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Silo.Schema;
using Shop.TestSupport;

namespace Shop.Integration.Tests.AdoNetContract;

/// <summary>
/// One silo on a freshly migrated database of its own private PostgreSQL server, shared by the provider contract
/// tests. Its own server lets this collection run in parallel with the PostgreSQL collection.
/// </summary>
public sealed class SiloOnPostgres : IAsyncLifetime
{
    private readonly PostgresServer server = new();
    private IHost? silo;

    public string ServiceId { get; } = $"contract-{Guid.NewGuid():N}";

    public string ClusterId { get; } = $"contract-cluster-{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = string.Empty;

    public IHost Silo => silo ?? throw new InvalidOperationException("The silo has not started.");

    public SqlProbe Sql => new(ConnectionString);

    public async Task InitializeAsync()
    {
        await server.InitializeAsync();
        ConnectionString = server.ConnectionStringFor(await server.CreateDatabaseAsync());
        await new SchemaMigrator(ConnectionString, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        silo = await TestSilo.StartAsync(ConnectionString, ServiceId, ClusterId);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (silo is not null)
            {
                await TestSilo.StopAsync(silo);
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiloOnPostgresCollection : ICollectionFixture<SiloOnPostgres>
{
    public const string Name = "Orleans silo on PostgreSQL";
}
