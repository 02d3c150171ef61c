using Orleans.Streams;
using Shop.Grains.Interfaces.Events;

namespace Shop.Grains.Events;

/// <summary>
/// The stream the user grains publish on (<see cref="ShopStreams"/>); order events are written with their order by
/// <see cref="Orders.IOrderStore"/>.
/// <para>
/// Publishers call these before they store the change and let a failure end the call: once the event is in the
/// durable queue the change may be stored, so a crash after the store can never lose the event, and a failed publish
/// leaves nothing stored. Consumers see the consequence documented on <see cref="ShopStreams"/>: an event whose change
/// was never stored. They read the entity through <see cref="ISettledUserGrain"/> (an order through the
/// embedded default's <see cref="Storage.IEmbeddedTablesGrain"/>, which queues behind the store) after their own delay and treat "not there" (or an older version) as done, with nothing to send.
/// </para>
/// </summary>
internal static class EventStreams
{
    public static IAsyncStream<UserCreated> UserEvents(this Grain grain, long userId) =>
        grain.GetStreamProvider(ShopStreams.Provider).GetStream<UserCreated>(StreamId.Create(ShopStreams.Users, userId));
}
