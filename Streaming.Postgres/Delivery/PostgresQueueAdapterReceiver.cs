using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Shop.Streaming.Postgres;

/// <summary>
/// Reads one queue for one pulling agent.
/// <para>
/// Delivery semantics: at least once, per message. A read leases messages (hidden, one attempt counted) instead of
/// removing them; the row is only deleted when Orleans reports the message delivered, i.e. when its cache purges it
/// after every consumer's cursor has passed it without a recorded failure (<see cref="MessagesDeliveredAsync(IList{IBatchContainer}, CancellationToken)"/>).
/// A failed delivery is settled by <see cref="PostgresStreamFailureHandler"/> (backoff or dead letter). Anything
/// else — the silo is killed, the acknowledgement is lost, the consumer hangs past the lease — ends with the lease
/// running out and the message being delivered again, so consumers must make their effect idempotent. Messages of
/// one stream are delivered in order until one fails: a retried message goes to the back of its queue. Messages of
/// a stream nobody subscribes to pass through the cache untouched and are acknowledged like delivered ones.
/// </para>
/// </summary>
internal sealed class PostgresQueueAdapterReceiver(
    QueueId queueId,
    PostgresStreamOptions options,
    StreamMessageStore store,
    Serializer<StreamMessageBody> serializer,
    InFlightMessages inFlight,
    QueueWatch watch,
    StreamMetrics? metrics,
    ILogger<PostgresQueueAdapterReceiver> logger) : IQueueAdapterReceiver, IDisposable
{
    private readonly int queue = QueueIndex.Of(queueId);
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Task? maintenance;

    /// <summary>True once <see cref="Shutdown(TimeSpan, CancellationToken)"/> has begun: no more leases are taken.</summary>
    public bool IsStopped => stopping.IsCancellationRequested;

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        watch.Watch(queue);
        StartMaintenance();
        return Task.CompletedTask;
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (IsStopped)
        {
            return [];
        }

        // An idle queue is read only when the watch says something may have come (see QueueWatch).
        if (!watch.IsDue(queue))
        {
            return [];
        }

        // The agent reads even when Initialize failed or has not finished; leases taken here must still be renewed.
        StartMaintenance();
        var rows = await store.LeaseAsync(
            queue, Math.Min(maxCount, options.MaxBatchSize), options.LeaseDuration, options.MaxAttempts, cancellationToken);
        watch.Read(queue, rows.Count);
        var batches = new List<IBatchContainer>(rows.Count);
        foreach (var row in rows)
        {
            if (await TryReadAsync(row) is { } batch)
            {
                inFlight.Add(row.Seq, row.Receipt, row.Attempt);
                batches.Add(batch);
            }
        }

        return batches;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <summary>
    /// Orleans passes the messages its cache purged after delivery; failed ones are left out by the cache (their
    /// outcome was already recorded by the failure handler). Acknowledging deletes exactly these receipts.
    /// </summary>
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var delivered = messages.OfType<PostgresBatchContainer>().ToList();
        foreach (var message in delivered)
        {
            // Stop renewing first: if the acknowledgement fails the lease runs out and the message comes again.
            inFlight.TryTake(message.Token.SequenceNumber, out _);
        }

        await store.AcknowledgeAsync([.. delivered.Select(message => message.Receipt)], cancellationToken);
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    /// <summary>
    /// Called on silo shutdown and when the queue moves to another silo: leases still held are handed back at once,
    /// so the new owner does not wait for them to run out. Messages delivered but not yet purged are handed back
    /// too and will be delivered again (at least once).
    /// </summary>
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task? running;
        lock (gate)
        {
            running = maintenance;
        }

        watch.Unwatch(queue);
        await stopping.CancelAsync();
        if (running is not null)
        {
            await running;
        }

        var held = inFlight.TakeAll();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var released = await store.ReleaseAsync(held, deadline.Token);
            logger.Released(store.Provider, queue, released);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.ReleaseFailed(exception, store.Provider, queue);
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose() => stopping.Dispose();

    private async Task<PostgresBatchContainer?> TryReadAsync(LeasedRow row)
    {
        try
        {
            var body = serializer.Deserialize(row.Payload)
                ?? throw new InvalidDataException("The payload is empty.");
            return new PostgresBatchContainer(body.StreamId, body.Events, body.RequestContext, new EventSequenceTokenV2(row.Seq))
            {
                Receipt = row.Receipt,
                Attempt = row.Attempt,
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A payload no attempt can read (e.g. an event type removed by a deployment) would fail forever.
            logger.UnreadablePayload(exception, store.Provider, queue, row.Seq);
            metrics?.DeadLettered(store.Provider, null, "unreadable", 1);
            await store.DeadLetterAsync(row.Receipt, $"payload cannot be read: {exception.Message}", CancellationToken.None);
            return null;
        }
    }

    private void StartMaintenance()
    {
        lock (gate)
        {
            if (maintenance is null && !IsStopped)
            {
                maintenance = Task.Run(() => MaintainAsync(stopping.Token));
            }
        }
    }

    /// <summary>Renews held leases, so a long delivery is not redelivered while it runs.</summary>
    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.LeaseDuration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await store.RenewAsync(inFlight.Receipts(), options.LeaseDuration, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.MaintenanceFailed(exception, store.Provider, queue);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown stops the loop; leases are released by Shutdown itself.
        }
    }
}
