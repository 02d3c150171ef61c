using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Storage;

namespace Shop.Silo.Storage;

/// <summary>
/// The seed's MonitoredPool for grain state: every read, write and clear is timed into a histogram, and those over
/// the threshold are logged with grain type, grain id, operation and duration. Never the state itself.
/// </summary>
public sealed partial class TimedGrainStorage(
    IGrainStorage inner,
    StorageMetrics metrics,
    IOptionsMonitor<StorageTimingOptions> options,
    ILogger<TimedGrainStorage> logger) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TimeAsync("read", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TimeAsync("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TimeAsync("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task TimeAsync(string operation, string stateName, GrainId grainId, Func<Task> run)
    {
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            await run();
            succeeded = true;
        }
        catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
        {
            // Translated here as well as at the grain boundary: a read that fails while a grain activates never
            // passes through a grain call filter, and Orleans hands OrleansException subtypes to the caller as they are.
            LogStorageFailure(logger, operation, grainId.Type.ToString(), grainId.ToString(), stateName, exception);
            throw new StorageUnavailableException();
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var grainType = grainId.Type.ToString();
            metrics.Record(elapsed, grainType, operation, succeeded);
            if (elapsed >= options.CurrentValue.SlowOperationThreshold)
            {
                LogSlowOperation(logger, operation, grainType, grainId.ToString(), stateName, elapsed.TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Operation} of {GrainType} {GrainId} (state {StateName}) failed on the database")]
    private static partial void LogStorageFailure(
        ILogger logger, string operation, string grainType, string grainId, string stateName, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Slow grain storage {Operation} of {GrainType} {GrainId} (state {StateName}): {DurationMs:F0} ms")]
    private static partial void LogSlowOperation(
        ILogger logger, string operation, string grainType, string grainId, string stateName, double durationMs);
}
