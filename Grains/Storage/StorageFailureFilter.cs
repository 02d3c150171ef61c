using Microsoft.Extensions.Logging;
using Shop.Grains.Interfaces.Errors;

namespace Shop.Grains.Storage;

/// <summary>
/// Every grain call that failed on the database leaves the grain as <see cref="StorageUnavailableException"/>,
/// whether the failure came from grain state, the stream provider or a grain's own SQL; the driver's exceptions
/// would not survive serialization to the caller.
/// </summary>
public sealed partial class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
        {
            LogStorageFailure(logger, context.InterfaceMethod?.Name ?? "?", context.TargetId.ToString(), exception);
            throw new StorageUnavailableException();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} on {GrainId} failed on the database; the caller is told to retry later")]
    private static partial void LogStorageFailure(ILogger logger, string method, string grainId, Exception exception);
}
