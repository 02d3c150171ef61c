namespace Shop.Grains.Interfaces.Errors;

/// <summary>
/// PostgreSQL could not be reached or did not answer, so the call changed nothing (a write is never acknowledged
/// without its commit). Worth retrying later: the REST API answers <c>503</c> with <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// Driver exceptions (<c>NpgsqlException</c>, <c>PostgresException</c>) cannot cross the grain boundary: Orleans has no
/// codec for them, so a caller would get an opaque serialization failure instead. The silo turns them into this type,
/// which carries no driver text. It derives from <see cref="OrleansException"/> because Orleans' state bridge passes
/// those through unwrapped, so a failed state read during activation reaches the caller as this type too.
/// </remarks>
[GenerateSerializer, Alias("shop.storage-unavailable.v1")]
public sealed class StorageUnavailableException : OrleansException
{
    public const string DefaultMessage = "The database is unavailable; nothing was changed. Retry later.";

    public StorageUnavailableException()
        : base(DefaultMessage)
    {
    }
}
