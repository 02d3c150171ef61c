using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Jobs;

namespace Shop.Grains.Jobs;

/// <summary>
/// <see cref="IDeadLetterAdminGrain"/> over the host's <see cref="IDeadLetters"/>; stateless, so any silo answers.
/// The embedded default has none: it keeps nothing, so there is nothing to list or re-drive.
/// </summary>
[StatelessWorker]
public sealed partial class DeadLetterAdminGrain(IServiceProvider services, ILogger<DeadLetterAdminGrain> logger) : Grain, IDeadLetterAdminGrain
{
    public const int MaxListSize = 500;

    private readonly IDeadLetters? deadLetters = services.GetService<IDeadLetters>();

    async Task<IReadOnlyList<DeadLetterView>> IDeadLetterAdminGrain.ListAsync(int limit)
    {
        if (limit is < 1 or > MaxListSize)
        {
            throw DomainException.Invalid([new FieldError("limit", $"must be between 1 and {MaxListSize}")]);
        }

        return deadLetters is null ? [] : await deadLetters.ListAsync(limit, CancellationToken.None);
    }

    async Task<bool> IDeadLetterAdminGrain.RedriveAsync(Guid id)
    {
        if (deadLetters is null || !await deadLetters.RedriveAsync(id, CancellationToken.None))
        {
            return false;
        }

        LogRedriven(logger, id);
        return true;
    }

    async Task<int> IDeadLetterAdminGrain.RedriveAllAsync()
    {
        if (deadLetters is null)
        {
            return 0;
        }

        var count = await deadLetters.RedriveAllAsync(CancellationToken.None);
        LogRedrivenAll(logger, count);
        return count;
    }

    [LoggerMessage(EventId = 4131, Level = LogLevel.Information, Message = "Dead letter {Id} re-driven into its queue")]
    private static partial void LogRedriven(ILogger logger, Guid id);

    [LoggerMessage(EventId = 4132, Level = LogLevel.Information, Message = "{Count} dead letter(s) re-driven into their queues")]
    private static partial void LogRedrivenAll(ILogger logger, int count);
}
