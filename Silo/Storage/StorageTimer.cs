using System.Diagnostics;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Storage;

namespace Shop.Silo.Storage;

/// <summary>
/// The seed's MonitoredPool for everything a grain stores, grain state and the users' and orders' own tables alike:
/// every read, write and clear is timed into one histogram, and those over the threshold are logged with grain type,
/// grain id, operation and duration. Never the data itself.
/// </summary>
public sealed partial class StorageTimer(StorageMetrics metrics, IOptionsMonitor<StorageTimingOptions> options, ILogger<StorageTimer> logger)
{
    /// <param name="operation"><c>read</c>, <c>write</c> or <c>clear</c>.</param>
    /// <param name="grainType">The kind of grain whose data it is (<c>user</c>, <c>order</c>, a grain type).</param>
    /// <param name="grainId">Which one, as operators see it in logs (<c>user/42</c>).</param>
    /// <param name="stateName">The state or table written.</param>
    /// <param name="translateFailures">
    /// Whether a database failure becomes <see cref="StorageUnavailableException"/> here (grain state: a read that fails
    /// while a grain activates never passes through a grain call filter). The tables' stores run inside grain calls,
    /// whose filter translates, and their callers tell a statement's own error from an outage, so they keep it.
    /// </param>
    public async Task<T> TimeAsync<T>(
        string operation, string grainType, string grainId, string stateName, Func<Task<T>> run, bool translateFailures = false)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await run();
            succeeded = true;
            return result;
        }
        catch (Exception exception) when (translateFailures && StorageFailures.IsStorageFailure(exception))
        {
            // Orleans hands OrleansException subtypes to the caller as they are: the caller sees "retry later".
            LogStorageFailure(logger, operation, grainType, grainId, stateName, exception);
            throw new StorageUnavailableException();
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Record(elapsed, grainType, operation, succeeded);
            if (elapsed >= options.CurrentValue.SlowOperationThreshold)
            {
                LogSlowOperation(logger, operation, grainType, grainId, stateName, elapsed.TotalMilliseconds);
            }
        }
    }

    public Task TimeAsync(string operation, string grainType, string grainId, string stateName, Func<Task> run, bool translateFailures = false) =>
        TimeAsync(operation, grainType, grainId, stateName, async () =>
        {
            await run();
            return true;
        }, translateFailures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Operation} of {GrainType} {GrainId} (state {StateName}) failed on the database")]
    private static partial void LogStorageFailure(
        ILogger logger, string operation, string grainType, string grainId, string stateName, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Slow grain storage {Operation} of {GrainType} {GrainId} (state {StateName}): {DurationMs:F0} ms")]
    private static partial void LogSlowOperation(
        ILogger logger, string operation, string grainType, string grainId, string stateName, double durationMs);
}
