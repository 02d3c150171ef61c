using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Shop.WebFront.Orleans;

/// <summary>
/// Grain calls from the endpoints. Reads go through a Polly pipeline (bounded time, a few retries on transient
/// cluster failures). Writes are not sent through here: repeating one could apply a change twice.
/// </summary>
public sealed class ClusterCalls
{
    private readonly IGrainFactory _grains;
    private readonly ResiliencePipeline _reads;

    public ClusterCalls(IGrainFactory grains, IOptions<ClusterCallOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        var settings = options.Value;
        var builder = new ResiliencePipelineBuilder().AddTimeout(settings.ReadTimeout);
        if (settings.ReadRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ClusterFailures.IsUnavailable),
                MaxRetryAttempts = settings.ReadRetries,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                MaxDelay = settings.MaxRetryDelay,
                UseJitter = true,
            });
        }

        _reads = builder.Build();
    }

    /// <summary>A call that changes nothing and may therefore be repeated.</summary>
    public ValueTask<T> ReadAsync<T>(Func<IGrainFactory, Task<T>> read, CancellationToken cancellationToken) =>
        _reads.ExecuteAsync(
            // Grain calls do not observe tokens; WaitAsync lets the timeout strategy stop waiting for them.
            static async (state, token) => await state.read(state.grains).WaitAsync(token),
            (read, grains: _grains),
            cancellationToken);
}
