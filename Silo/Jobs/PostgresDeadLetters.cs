using Shop.Grains.Interfaces.Jobs;
using Shop.Grains.Jobs;
using Shop.Streaming.Postgres;

namespace Shop.Silo.Jobs;

/// <summary>The <c>jobs</c> provider's <see cref="DeadLetterStore"/> as the operators' grain sees it.</summary>
public sealed class PostgresDeadLetters(DeadLetterStore store) : IDeadLetters
{
    public async Task<IReadOnlyList<DeadLetterView>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var letters = await store.ListAsync(limit, cancellationToken);
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

    public Task<bool> RedriveAsync(Guid id, CancellationToken cancellationToken) => store.RedriveAsync(id, cancellationToken);

    public Task<int> RedriveAllAsync(CancellationToken cancellationToken) => store.RedriveAllAsync(cancellationToken);
}
