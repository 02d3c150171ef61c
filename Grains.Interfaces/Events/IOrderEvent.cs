namespace Shop.Grains.Interfaces.Events;

/// <summary>
/// What every event on <see cref="ShopStreams.Orders"/> has: an implicit subscriber takes
/// <c>IAsyncObserver&lt;IOrderEvent&gt;</c> to get them all. <see cref="Version"/> is the order's version once the change is stored; a consumer that has seen a version
/// can skip events at or below it.
/// </summary>
public interface IOrderEvent
{
    long OrderId { get; }

    long UserId { get; }

    long Version { get; }
}
