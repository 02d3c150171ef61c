using Orleans.Concurrency;
using Shop.Grains.Identity;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Users;

namespace Shop.Grains.Orders;

/// <summary>Stateless, one per silo on demand: places orders under fresh ids.</summary>
// Reentrant: it keeps no state between calls, so one slow placement (its writes) never queues the rest.
[StatelessWorker, Reentrant]
public sealed class OrderDirectoryGrain(IdAllocator ids) : Grain, IOrderDirectoryGrain
{
    async Task<OrderView> IOrderDirectoryGrain.PlaceOrderAsync(PlaceOrder command)
    {
        command = command with { Currency = Currencies.Normalize(command.Currency)! };
        OrderRules.Validate(command);
        var id = await ids.NextAsync();
        return await GrainFactory.GetGrain<IUserOrderLedgerGrain>(command.UserId).PlaceOrderAsync(id, command);
    }
}
