using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Grains.Idempotency;

namespace Shop.Silo.Storage;

/// <summary>
/// Deletes idempotency records past their retention in one statement, so the request path pays one write per key
/// and no reminder. Rows are only ever deleted long after their grain went idle (retention ≫ collection age); a
/// record that is still read is expired by the grain itself. Every silo sweeps; the DELETE is idempotent.
/// </summary>
public sealed class IdempotencySweeper(
    NpgsqlDataSource database,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencySweeper> logger) : PeriodicSweeper(options.Value.SweepInterval, "idempotency records", logger)
{
    public override async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        // By the expiry index (migration 0007), not a scan of every grain's state.
        await using var command = database.CreateCommand("DELETE FROM idempotency_records WHERE expires_at < now()");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
