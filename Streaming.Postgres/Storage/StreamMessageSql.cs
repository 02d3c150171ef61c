namespace Shop.Streaming.Postgres;

/// <summary>
/// The statements of the queue. Writers insert rows without a usable <c>seq</c> (<c>needs_new_seq</c>, the column's
/// default); only a reader's lease transaction, after <see cref="LockQueue"/>, gives them one (<see cref="Resequence"/>).
/// The lock is held until commit, so within one queue sequence numbers are committed in the order they were drawn and
/// a reader can never later find a smaller one behind what it already read, while writers never wait for each other.
/// </summary>
internal static class StreamMessageSql
{
    // The two-int form of advisory locks has its own key space, apart from single-bigint locks used elsewhere.
    public const string LockQueue = "SELECT pg_advisory_xact_lock(hashtext(@provider), @queue)";

    // needs_new_seq (the default): the row gets its seq from the reader that first sees it visible.
    public const string Enqueue = """
        INSERT INTO stream_messages (provider, queue_id, stream_namespace, stream_key, payload, visible_at)
        VALUES (@provider, @queue, @namespace, @key, @payload, now() + @delay)
        """;

    public const string AnyVisible = """
        SELECT EXISTS (
            SELECT 1 FROM stream_messages
            WHERE provider = @provider AND queue_id = @queue AND visible_at <= now())
        """;

    // Per queue, how long until its earliest message is deliverable, by the database's clock (the silo's may differ);
    // each queue's answer is the first entry of ix_stream_messages_queue_visible.
    public const string EarliestDue = """
        SELECT queue, GREATEST(earliest - now(), interval '0')
        FROM unnest(@queues) AS queue,
             LATERAL (SELECT min(visible_at) AS earliest FROM stream_messages WHERE provider = @provider AND queue_id = queue) due
        WHERE earliest IS NOT NULL
        """;

    private const string DeadLetterColumns =
        "id, provider, queue_id, stream_namespace, stream_key, payload, enqueued_at, dequeue_count, last_error";

    private const string InsertDeadLetters = $"""
        INSERT INTO stream_dead_letters ({DeadLetterColumns})
        SELECT {DeadLetterColumns} FROM dead
        ON CONFLICT (id) DO UPDATE SET
            dequeue_count = excluded.dequeue_count,
            last_error = excluded.last_error,
            dead_lettered_at = now()
        """;

    // A row that is visible again although every attempt was used was leased by a reader that never settled it
    // (killed, or stalled past its lease): it must not get yet another attempt.
    public const string DeadLetterExhausted = $"""
        WITH dead AS (
            DELETE FROM stream_messages
            WHERE provider = @provider AND queue_id = @queue AND visible_at <= now() AND dequeue_count >= @max_attempts
            RETURNING id, provider, queue_id, stream_namespace, stream_key, payload, enqueued_at, dequeue_count,
                'lease expired without acknowledgement after ' || dequeue_count || ' attempt(s)'
                    || coalesce('; last error: ' || last_error, '') AS last_error)
        {InsertDeadLetters}
        """;

    // New rows, and rows that were leased before and are visible again (failed, released or abandoned), go to the back
    // of the queue with fresh numbers in the order they were written, so a reader's tokens keep growing. At most one
    // batch per lease: a backlog left by an outage is numbered as it is read, instead of in one update that could
    // outlast the command timeout and, rolled back, be tried again by every poll.
    public const string Resequence = """
        UPDATE stream_messages m
        SET seq = nextval('stream_message_seq'), needs_new_seq = false
        FROM (
            SELECT id FROM stream_messages
            WHERE provider = @provider AND queue_id = @queue AND needs_new_seq AND visible_at <= now()
            ORDER BY seq
            LIMIT @max
            FOR UPDATE SKIP LOCKED) returned
        WHERE m.id = returned.id
        """;

    public const string Lease = """
        UPDATE stream_messages m
        SET lease_id = gen_random_uuid(),
            visible_at = now() + @lease,
            dequeue_count = m.dequeue_count + 1,
            needs_new_seq = true
        FROM (
            SELECT id FROM stream_messages
            WHERE provider = @provider AND queue_id = @queue AND visible_at <= now() AND NOT needs_new_seq
            ORDER BY seq
            LIMIT @max
            FOR UPDATE SKIP LOCKED) picked
        WHERE m.id = picked.id
        RETURNING m.id, m.seq, m.lease_id, m.dequeue_count, m.payload
        """;

    public const string Acknowledge = "DELETE FROM stream_messages WHERE lease_id = ANY(@receipts)";

    public const string Renew = "UPDATE stream_messages SET visible_at = now() + @lease WHERE lease_id = ANY(@receipts)";

    // Handing a lease back is not an attempt: the message was never (or not fully) tried, e.g. on queue hand-off.
    public const string Release = """
        UPDATE stream_messages
        SET lease_id = NULL, visible_at = now(), dequeue_count = greatest(dequeue_count - 1, 0)
        WHERE lease_id = ANY(@receipts)
        """;

    public const string RetryLater = """
        UPDATE stream_messages
        SET lease_id = NULL, visible_at = now() + @delay, last_error = @error
        WHERE lease_id = @receipt
        """;

    public const string DeadLetter = $"""
        WITH dead AS (
            DELETE FROM stream_messages
            WHERE lease_id = @receipt
            RETURNING id, provider, queue_id, stream_namespace, stream_key, payload, enqueued_at, dequeue_count,
                @error AS last_error)
        {InsertDeadLetters}
        """;

    // Only rows nobody holds a lease on: a slow but live delivery is not cut short.
    public const string Expire = $"""
        WITH dead AS (
            DELETE FROM stream_messages
            WHERE provider = @provider AND queue_id = ANY(@queues) AND enqueued_at < now() - @ttl AND visible_at <= now()
            RETURNING id, provider, queue_id, stream_namespace, stream_key, payload, enqueued_at, dequeue_count,
                'expired: not delivered within ' || @ttl::text || coalesce('; last error: ' || last_error, '') AS last_error)
        {InsertDeadLetters}
        """;

    public const string PurgeDeadLetters = """
        DELETE FROM stream_dead_letters
        WHERE provider = @provider AND queue_id = ANY(@queues) AND dead_lettered_at < now() - @retention
        """;
}
