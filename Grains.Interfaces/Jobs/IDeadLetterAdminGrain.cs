namespace Shop.Grains.Interfaces.Jobs;

/// <summary>
/// Operator access to the jobs whose delivery used all its attempts (the dead letters of the
/// <see cref="Events.ShopStreams.Provider"/> stream provider). Call it with key 0. Without PostgreSQL nothing is kept,
/// so the list is empty and nothing can be re-driven.
/// </summary>
[Alias("shop.IDeadLetterAdminGrain")]
public interface IDeadLetterAdminGrain : IGrainWithIntegerKey
{
    /// <summary>The newest dead letters first, at most <paramref name="limit"/> (1..500).</summary>
    [Alias("list")]
    Task<IReadOnlyList<DeadLetterView>> ListAsync(int limit);

    /// <summary>Puts one dead letter back into its queue as a fresh job (attempts from zero).</summary>
    /// <returns>False when there is no dead letter with this id (already re-driven, purged, or never existed).</returns>
    [Alias("redrive")]
    Task<bool> RedriveAsync(Guid id);

    /// <summary>Puts every dead letter back, oldest first per queue.</summary>
    /// <returns>How many were re-driven.</returns>
    [Alias("redrive-all")]
    Task<int> RedriveAllAsync();
}
