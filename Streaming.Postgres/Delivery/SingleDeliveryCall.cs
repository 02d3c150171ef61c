using Orleans.Runtime.Providers;

namespace Shop.Streaming.Postgres;

/// <summary>
/// Orleans' pulling agent retries a failing delivery in memory until <c>MaxEventDeliveryTime</c> has passed; those
/// retries are lost with the silo and invisible to attempt counting. The provider sets that window to
/// <see cref="DeliveryWindow"/> and waits twice as long before any in-memory retry, so the first retry is always past
/// the window: one delivery call per durable attempt, and the queue's own backoff decides when the next one comes.
/// The window only has to cover the agent's bookkeeping before the first call, not the call itself; the price is that
/// a failure is reported twice the window after the failed call.
/// </summary>
internal sealed class SingleDeliveryCall : IMessageDeliveryBackoffProvider
{
    public static readonly TimeSpan DeliveryWindow = TimeSpan.FromMilliseconds(500);

    public TimeSpan Next(int attempt) => DeliveryWindow * 2;
}
