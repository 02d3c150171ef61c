using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Streams;
using Shop.Streaming.Postgres;
using Shop.TestSupport;

namespace Shop.Streaming.Tests.EndToEnd;

/// <summary>A real silo (localhost clustering, memory storage) with the PostgreSQL provider and an implicit consumer.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloEndToEndTests(PostgresServer server)
{
    public const string Provider = "jobs";

    [Fact]
    public async Task Every_event_produced_on_the_stream_is_consumed_exactly_once_and_then_removed_from_the_queue()
    {
        var connectionString = await StreamDatabase.CreateMigratedAsync(server);
        await using var silo = await RunningSilo.StartAsync(connectionString);
        var host = silo.Host;
        var probe = host.Services.GetRequiredService<DeliveryProbe>();
        var ids = Enumerable.Range(0, 10).Select(n => $"once-{n}").ToList();

        foreach (var id in ids)
        {
            await StreamFor(host, $"user-{id}").OnNextAsync(new TestEvent(id));
        }

        await Poll.UntilAsync(() => ids.All(id => probe.TimesConsumed(id) == 1), "every event is consumed once");
        await Poll.UntilAsync(async () => await CountAsync(connectionString, "stream_messages") == 0, "the queue is empty");
        // Acknowledged rows are gone for good; this only gives a duplicate already on its way time to arrive.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.All(ids, id => Assert.Single(probe.DeliveriesOf(id)));
        Assert.All(ids, id => Assert.Equal(1, probe.TimesConsumed(id)));
        Assert.Equal(0, await CountAsync(connectionString, "stream_dead_letters"));
    }

    [Fact]
    public async Task A_consumer_that_throws_is_retried_with_backoff_until_it_succeeds_or_its_attempts_are_used_up()
    {
        var connectionString = await StreamDatabase.CreateMigratedAsync(server);
        await using var silo = await RunningSilo.StartAsync(connectionString);
        var host = silo.Host;
        var probe = host.Services.GetRequiredService<DeliveryProbe>();

        await StreamFor(host, "user-flaky").OnNextAsync(new TestEvent("flaky", FailTimes: 2));
        await StreamFor(host, "user-broken").OnNextAsync(new TestEvent("broken", FailTimes: int.MaxValue));

        await Poll.UntilAsync(() => probe.TimesConsumed("flaky") == 1, "the flaky event is consumed");
        await Poll.UntilAsync(async () => await CountAsync(connectionString, "stream_dead_letters") == 1, "the broken event is dead-lettered");
        await Poll.UntilAsync(async () => await CountAsync(connectionString, "stream_messages") == 0, "the queue is empty");

        var flaky = probe.DeliveriesOf("flaky");
        Assert.Equal(3, flaky.Count);
        Assert.True(flaky[1] - flaky[0] >= TimeSpan.FromMilliseconds(250), $"first backoff was {flaky[1] - flaky[0]}");
        Assert.True(flaky[2] - flaky[1] >= TimeSpan.FromMilliseconds(550), $"second backoff was {flaky[2] - flaky[1]}");
        Assert.Equal(3, probe.DeliveriesOf("broken").Count);
        Assert.Equal(0, probe.TimesConsumed("broken"));
        var dead = Assert.Single(await host.Services.GetRequiredKeyedService<DeadLetterStore>(Provider).ListAsync(10, CancellationToken.None));
        Assert.Equal("user-broken", dead.StreamKey);
        Assert.Equal(3, dead.Attempts);
    }

    [Fact]
    public async Task A_stream_quiet_for_its_inactivity_period_is_forgotten_by_the_silo_and_its_next_event_still_arrives()
    {
        var connectionString = await StreamDatabase.CreateMigratedAsync(server);
        using var pulled = new PulledStreamsGauge();
        await using var silo = await RunningSilo.StartAsync(connectionString, options => options.StreamInactivityPeriod = TimeSpan.FromSeconds(5));
        var host = silo.Host;
        var probe = host.Services.GetRequiredService<DeliveryProbe>();
        var ids = Enumerable.Range(0, 10).Select(n => $"quiet-{n}").ToList();

        foreach (var id in ids)
        {
            await StreamFor(host, $"user-{id}").OnNextAsync(new TestEvent(id));
        }

        await Poll.UntilAsync(() => ids.All(id => probe.TimesConsumed(id) == 1), "every event is consumed");
        Assert.True(pulled.Read() > 0, "the silo knew no stream right after their events");
        // Orleans' default keeps a stream 30 minutes after its last event; a stream per order made that every order.
        await Poll.UntilAsync(() => pulled.Read() == 0, "the silo forgets the quiet streams");

        await StreamFor(host, "user-quiet-0").OnNextAsync(new TestEvent("quiet-again"));
        await Poll.UntilAsync(() => probe.TimesConsumed("quiet-again") == 1, "an event on a forgotten stream is consumed");
    }

    [Fact]
    public async Task A_silo_whose_stream_options_are_invalid_fails_to_start()
    {
        var connectionString = await StreamDatabase.CreateMigratedAsync(server);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningSilo.StartAsync(connectionString, options => options.MaxAttempts = 0));

        Assert.Contains("MaxAttempts", failure.Message, StringComparison.Ordinal);
    }

    private static IAsyncStream<TestEvent> StreamFor(IHost host, string key) =>
        host.Services.GetRequiredService<IClusterClient>()
            .GetStreamProvider(Provider)
            .GetStream<TestEvent>(StreamId.Create(RecordingConsumerGrain.Namespace, key));

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
