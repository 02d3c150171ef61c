using Orleans.Storage;
using Shop.Grains.Interfaces.Errors;

namespace Shop.Grains.Storage;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Stores <paramref name="next"/> and only then makes it the grain's state, so a failed write never leaves
    /// memory ahead of the database and a caller never sees a change that is not in PostgreSQL.
    /// </summary>
    /// <remarks>
    /// An ETag mismatch means another activation wrote this grain (a membership change can briefly allow two):
    /// the caller gets <see cref="DomainErrorCode.Conflict"/> and this activation retires so the next call
    /// re-reads the stored state instead of overwriting it.
    /// </remarks>
    public static async Task CommitAsync<T>(this IPersistentState<T> state, T next, IGrainBase owner)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException exception)
        {
            state.State = previous;
            owner.DeactivateOnIdle();
            throw new DomainException(
                DomainErrorCode.Conflict, "The resource was changed concurrently; read it again and retry.", [], exception);
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
