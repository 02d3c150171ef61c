using Microsoft.Extensions.Options;

namespace Shop.Grains.Identity;

/// <summary>
/// The lo part of the allocator: one per silo, it hands out ids from its current block in memory and asks
/// <see cref="IIdBlockGrain"/> for a new block only when the current one runs out.
/// </summary>
public sealed class IdAllocator(IGrainFactory grains, IOptions<IdAllocatorOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _refill = new(1, 1);
    private long _next;
    private long _end;

    public async ValueTask<long> NextAsync()
    {
        await _refill.WaitAsync();
        try
        {
            if (_next == _end)
            {
                var block = await grains.GetGrain<IIdBlockGrain>(IIdBlockGrain.SharedSequence)
                    .ReserveAsync(options.Value.BlockSize);
                _next = block.Start;
                _end = block.Start + block.Count;
            }

            return _next++;
        }
        finally
        {
            _refill.Release();
        }
    }

    public void Dispose() => _refill.Dispose();
}
