using Shop.Grains.Storage;

namespace Shop.Grains.Identity;

/// <summary>
/// The hi part of a hi/lo allocator: the block is in PostgreSQL before anyone may use it, so a crash or a restart
/// can only skip ids, never repeat them. Called once per block, not once per id.
/// </summary>
public sealed class IdBlockGrain([PersistentState("ids", ShopStorage.Name)] IPersistentState<IdBlockState> state)
    : Grain, IIdBlockGrain
{
    async Task<IdBlock> IIdBlockGrain.ReserveAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var start = state.State.Next;
        await state.CommitAsync(state.State with { Next = checked(start + count) }, this);
        return new IdBlock { Start = start, Count = count };
    }
}
