using Shop.Grains.Interfaces.Jobs;

namespace Shop.Grains.Jobs;

/// <summary>
/// The dead letters of the <c>jobs</c> stream provider, as the host provides them (the PostgreSQL provider's store).
/// Hosts without a durable queue register none: there is nothing to list.
/// </summary>
public interface IDeadLetters
{
    Task<IReadOnlyList<DeadLetterView>> ListAsync(int limit, CancellationToken cancellationToken);

    Task<bool> RedriveAsync(Guid id, CancellationToken cancellationToken);

    Task<int> RedriveAllAsync(CancellationToken cancellationToken);
}
