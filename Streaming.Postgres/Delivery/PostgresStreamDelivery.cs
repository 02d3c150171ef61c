namespace Shop.Streaming.Postgres;

/// <summary>Per-message delivery settings a producer passes through its Orleans request context.</summary>
public static class PostgresStreamDelivery
{
    /// <summary>
    /// Set to a <see cref="DateTimeOffset"/> before producing: the message is not delivered before then (consumers use
    /// it to hand a job back for later). The key is taken out of the stored request context, so it never flows on
    /// into what the consumer does.
    /// </summary>
    public const string NotBeforeKey = "shop.streams.not-before";

    /// <summary>The request context to store, without the delivery time, and how long to hide the message.</summary>
    internal static (Dictionary<string, object>? Context, TimeSpan Delay) TakeDelay(Dictionary<string, object>? requestContext, DateTimeOffset now)
    {
        if (requestContext is null || !requestContext.TryGetValue(NotBeforeKey, out var value))
        {
            return (requestContext, TimeSpan.Zero);
        }

        var rest = new Dictionary<string, object>(requestContext);
        rest.Remove(NotBeforeKey);
        var delay = value is DateTimeOffset notBefore && notBefore > now ? notBefore - now : TimeSpan.Zero;
        return (rest.Count == 0 ? null : rest, delay);
    }
}
