using Orleans.Concurrency;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Jobs;
using Shop.Streaming.Postgres;

namespace Shop.Silo.Jobs;

/// <summary>
/// <see cref="IDeadLetterAdminGrain"/> over the <c>jobs</c> provider's <see cref="DeadLetterStore"/>. Lives in the
/// silo because the store is part of the provider; stateless, so any silo answers. The embedded default has no store:
/// it keeps nothing, so there is nothing to list or re-drive.
/// </summary>
[StatelessWorker]
public sealed partial class DeadLetterAdminGrain(IServiceProvider services, ILogger<DeadLetterAdminGrain> logger) : Grain, IDeadLetterAdminGrain
{
    public const int MaxListSize = 500;

    private readonly DeadLetterStore? store = services.GetKeyedService<DeadLetterStore>(ShopStreams.Provider);

    async Task<IReadOnlyList<DeadLetterView>> IDeadLetterAdminGrain.ListAsync(int limit)
    {
        if (limit is < 1 or > MaxListSize)
        {
            throw DomainException.Invalid([new FieldError("limit", $"must be between 1 and {MaxListSize}")]);
        }

        if (store is null)
        {
            return [];
        }

        var letters = await store.ListAsync(limit, CancellationToken.None);
        return [.. letters.Select(letter => new DeadLetterView
        {
            Id = letter.Id,
            StreamNamespace = letter.StreamNamespace,
            StreamKey = letter.StreamKey,
            Attempts = letter.Attempts,
            LastError = letter.LastError,
            EnqueuedAt = letter.EnqueuedAt,
            DeadLetteredAt = letter.DeadLetteredAt,
        })];
    }

    async Task<bool> IDeadLetterAdminGrain.RedriveAsync(Guid id)
    {
        if (store is null || !await store.RedriveAsync(id, CancellationToken.None))
        {
            return false;
        }

        LogRedriven(logger, id);
        return true;
    }

    async Task<int> IDeadLetterAdminGrain.RedriveAllAsync()
    {
        if (store is null)
        {
            return 0;
        }

        var count = await store.RedriveAllAsync(CancellationToken.None);
        LogRedrivenAll(logger, count);
        return count;
    }

    [LoggerMessage(EventId = 4131, Level = LogLevel.Information, Message = "Dead letter {Id} re-driven into its queue")]
    private static partial void LogRedriven(ILogger logger, Guid id);

    [LoggerMessage(EventId = 4132, Level = LogLevel.Information, Message = "{Count} dead letter(s) re-driven into their queues")]
    private static partial void LogRedrivenAll(ILogger logger, int count);
}
