using Microsoft.Extensions.Logging.Abstractions;
using Shop.Silo.Schema;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Schema;

/// <summary>Uses a server of its own, because it stops it.</summary>
public sealed class SchemaMigratorOutageTests : IAsyncLifetime
{
    private readonly PostgresServer server = new();

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task Migrating_while_the_server_is_down_fails_clearly_and_succeeds_once_it_is_back()
    {
        var database = await server.CreateDatabaseAsync();
        var migrator = new SchemaMigrator(server.ConnectionStringFor(database), NullLogger<SchemaMigrator>.Instance);
        await server.StopAsync();

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(() => migrator.MigrateAsync(CancellationToken.None));
        await server.StartAsync();
        await migrator.MigrateAsync(CancellationToken.None);

        Assert.Contains($"Cannot reach PostgreSQL at 127.0.0.1:{server.Port}, database '{database}'", error.Message,
            StringComparison.Ordinal);
        Assert.True((await migrator.GetStatusAsync(CancellationToken.None)).IsUpToDate);
    }
}
