namespace Shop.Grains.Idempotency;

/// <summary>
/// Where idempotency records live: the <c>idempotency_records</c> table on PostgreSQL (Silo/Storage), the
/// <see cref="Storage.EmbeddedTablesGrain"/> in the embedded default. A record past its expiry counts as absent.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> ReadAsync(string key, DateTimeOffset now);

    /// <returns>False, with nothing stored, when the key already has a record that has not expired.</returns>
    Task<bool> TryAddAsync(KeyedIdempotencyRecord record, DateTimeOffset now);
}
