namespace Shop.Streaming.Postgres;

/// <summary>
/// Settings of one PostgreSQL stream provider (named options, keyed by the provider name). Defaults follow the seed's
/// job queue: 3 attempts with exponential backoff starting at 5 s.
/// </summary>
public sealed class PostgresStreamOptions
{
    /// <summary>Npgsql connection string of the database that holds <c>stream_messages</c> (this assembly's migration 0005).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Queues per provider. Streams are spread over them by a hash ring and each queue is read by one silo at a time,
    /// so this bounds how many silos share the work. Changing it re-maps streams: drain the queues first.
    /// </summary>
    public int QueueCount { get; set; } = 8;

    /// <summary>Deliveries of one message before it moves to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait after the first failed attempt; it doubles with every further failure.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of the doubled backoff.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a leased message stays hidden without a renewal. A live silo renews its leases every third of this,
    /// so it only bounds how soon messages of a killed silo are delivered again.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most messages leased by one read of one queue.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>Messages still undelivered this long after they were produced move to the dead letters.</summary>
    public TimeSpan MessageTimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Dead letters older than this are deleted.</summary>
    public TimeSpan DeadLetterRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often a silo asks, in one statement, when its idle queues are next due (<see cref="QueueWatch"/>): the
    /// longest a message written by another silo waits before it is read, and the idle cost of a silo.
    /// </summary>
    public TimeSpan IdleProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each silo reads the queue depths it reports as gauges.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each queue's owner applies <see cref="MessageTimeToLive"/> and <see cref="DeadLetterRetention"/>.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a silo keeps what it knows of a stream (its consumers, their cursors) after the stream's last event.
    /// Orleans' default is 30 minutes; with a stream per order that held every order of the last half hour in memory
    /// (1.6 million at 900 orders/s). An event after this only costs a new look-up of the stream's implicit consumers.
    /// </summary>
    public TimeSpan StreamInactivityPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
