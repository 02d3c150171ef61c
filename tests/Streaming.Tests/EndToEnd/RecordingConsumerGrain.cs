using Orleans.Streams;

namespace Shop.Streaming.Tests.EndToEnd;

public interface IRecordingConsumerGrain : IGrainWithStringKey;

/// <summary>
/// Consumes <see cref="TestEvent"/>s through an implicit subscription and rejects the first
/// <see cref="TestEvent.FailTimes"/> deliveries of each event by throwing, like a failing e-mail sender.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class RecordingConsumerGrain(DeliveryProbe probe) : Grain, IRecordingConsumerGrain, IAsyncObserver<TestEvent>
{
    public const string Namespace = "e2e";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(SiloEndToEndTests.Provider)
            .GetStream<TestEvent>(StreamId.Create(Namespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync(this);
    }

    public Task OnNextAsync(TestEvent item, StreamSequenceToken? token = null)
    {
        if (probe.Delivered(item.Id) <= item.FailTimes)
        {
            throw new InvalidOperationException($"Rejecting delivery of {item.Id} on purpose.");
        }

        probe.Consumed(item.Id);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
