namespace Shop.Grains.Idempotency;

/// <summary>
/// Where idempotency records live: the <c>idempotency_records</c> table on PostgreSQL (Silo/Storage), the
/// <see cref="Storage.EmbeddedTablesGrain"/> in the embedded default. A record past its expiry counts as absent. Records are written by the creates themselves (<see cref="KeyedIdempotencyRecord"/>).
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> ReadAsync(string key, DateTimeOffset now);
}
