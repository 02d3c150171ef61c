namespace Shop.Grains.Interfaces.Events;

/// <summary>
/// Where the shop publishes its domain events inside the cluster, for grains with an implicit subscription (the
/// provider allows no explicit one: it would store a pub-sub record per stream). Services outside the silo read the
/// order feed (<see cref="OrderFeedEvents"/>, package <c>Shop.Feed.Client</c>).
/// <para>
/// Provider <see cref="Provider"/> ("jobs"), a durable stream provider on PostgreSQL. One stream per entity: the stream
/// id is <c>StreamId.Create(namespace, entityId)</c> with the user's or order's id as the key. <see cref="Users"/>
/// carries <see cref="UserCreated"/>; <see cref="Orders"/> carries <see cref="OrderPlaced"/> and
/// <see cref="OrderStatusChanged"/> (both <see cref="IOrderEvent"/>), in the order they happened per order.
/// </para>
/// <para>
/// Delivery is at least once: a consumer sees an event again after a failure or a crash, so its effect must be
/// idempotent (order events carry the order's <c>Version</c> for that). On PostgreSQL an event commits in the
/// transaction that stores its change, so it exists exactly when the change does. Every event of the embedded default
/// is published <em>before</em> the change is stored, so that no stored change can ever miss its event; the price is
/// that such an event can describe a change that then failed to be stored. A consumer therefore reads the entity after
/// any delay of its own and treats "does not exist" (or, for a status change, "the order's version has not reached
/// the event's") as the change not having happened: nothing to do. Reading right after the event may race the store that follows it; a consumer that
/// needs certainty retries once after a short wait before it concludes.
/// </para>
/// </summary>
public static class ShopStreams
{
    /// <summary>The stream provider name.</summary>
    public const string Provider = "jobs";

    /// <summary>User events, keyed by user id.</summary>
    public const string Users = "shop.users";

    /// <summary>Order events, keyed by order id.</summary>
    public const string Orders = "shop.orders";

    /// <summary>
    /// Request-context key a producer on the <see cref="Provider"/> provider may set to a UTC
    /// <see cref="DateTimeOffset"/>: the event is not delivered before then. Memory streams ignore it.
    /// </summary>
    public const string DeliverNotBeforeKey = "shop.streams.not-before";
}
