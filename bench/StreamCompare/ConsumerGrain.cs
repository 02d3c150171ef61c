using Npgsql;
using Orleans.Streams;

namespace Shop.Bench.StreamCompare;

public interface IConsumerGrain : IGrainWithGuidKey;

/// <summary>
/// Records every delivery as one row of <c>cmp_received</c> (no unique key, so a second delivery of an event is a
/// second row): what was lost and what was delivered twice is then counted in SQL. The same for both providers.
/// </summary>
[ImplicitStreamSubscription(Streams.Namespace)]
public sealed class ConsumerGrain(NpgsqlDataSource database) : Grain, IConsumerGrain, IAsyncObserver<CompareEvent>
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(Streams.Provider)
            .GetStream<CompareEvent>(StreamId.Create(Streams.Namespace, this.GetPrimaryKey()));
        await stream.SubscribeAsync(this);
    }

    public async Task OnNextAsync(CompareEvent item, StreamSequenceToken? token = null)
    {
        await using var command = database.CreateCommand("INSERT INTO cmp_received (stream, seq) VALUES ($1, $2)");
        command.Parameters.AddWithValue(item.Stream);
        command.Parameters.AddWithValue(item.Sequence);
        await command.ExecuteNonQueryAsync();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
