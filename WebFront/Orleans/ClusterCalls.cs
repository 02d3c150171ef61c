using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Shop.Grains.Interfaces.Errors;

namespace Shop.WebFront.Orleans;

/// <summary>
/// Grain calls from the endpoints. Reads, and writes made idempotent by their key, go through a Polly pipeline (bounded
/// time, retries on transient cluster failures). Other writes are not sent through here: repeating one could apply a
/// change twice.
/// </summary>
public sealed class ClusterCalls
{
    private readonly IGrainFactory _grains;
    private readonly ResiliencePipeline _reads;
    private readonly ResiliencePipeline _keyedWrites;

    public ClusterCalls(IGrainFactory grains, IOptions<ClusterCallOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        var settings = options.Value;
        _reads = Pipeline(settings, ClusterFailures.IsUnavailable);
        _keyedWrites = Pipeline(settings, exception => exception is not StorageUnavailableException && ClusterFailures.IsUnavailable(exception));
    }

    /// <summary>
    /// A write that is idempotent by its key (an order placed with an <c>Idempotency-Key</c>, whose record commits in
    /// the same statement: a repeat after a lost answer stores nothing and answers with the order already placed), so
    /// it may be repeated through a silo's death like a read. Not on <see cref="StorageUnavailableException"/>: a
    /// database outage outlasts any retry, and the client is better told at once, with Retry-After.
    /// </summary>
    public ValueTask<T> RetryKeyedWriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken) =>
        _keyedWrites.ExecuteAsync(static async (write, token) => await write().WaitAsync(token), write, cancellationToken);

    /// <summary>A call that changes nothing and may therefore be repeated.</summary>
    public ValueTask<T> ReadAsync<T>(Func<IGrainFactory, Task<T>> read, CancellationToken cancellationToken) =>
        _reads.ExecuteAsync(
            // Grain calls do not observe tokens; WaitAsync lets the timeout strategy stop waiting for them.
            static async (state, token) => await state.read(state.grains).WaitAsync(token),
            (read, grains: _grains),
            cancellationToken);

    private static ResiliencePipeline Pipeline(ClusterCallOptions settings, Func<Exception, bool> transient)
    {
        var builder = new ResiliencePipelineBuilder().AddTimeout(settings.ReadTimeout);
        if (settings.ReadRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(transient),
                MaxRetryAttempts = settings.ReadRetries,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                MaxDelay = settings.MaxRetryDelay,
                UseJitter = true,
            });
        }

        return builder.Build();
    }
}
