using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;
using Shop.Silo.Schema;
using Shop.Streaming.Postgres;
using Shop.TestSupport;

namespace Shop.Streaming.Tests;

/// <summary>
/// A fresh, migrated database with the provider's classes built directly on it (no silo): the adapter tests drive
/// receivers and failure handlers the way Orleans' pulling agent would.
/// </summary>
internal sealed class StreamDatabase : IAsyncDisposable
{
    public const string Provider = "jobs";

    private readonly ServiceProvider services;
    private readonly List<IQueueAdapterReceiver> receivers = [];
    private readonly QueueWatch watch;

    private StreamDatabase(string connectionString, PostgresStreamOptions options)
    {
        ConnectionString = connectionString;
        Options = options;
        services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        DataSource = NpgsqlDataSource.Create(connectionString);
        Store = new StreamMessageStore(Provider, DataSource);

        // Built here as the silo's container builds it, and disposed with the database like the container disposes it.
        watch = new QueueWatch(Store, options, TimeProvider.System, NullLogger<QueueWatch>.Instance);
        Factory = new PostgresQueueAdapterFactory(
            Provider, options, new SimpleQueueCacheOptions(), Store, watch,
            services.GetRequiredService<Serializer<StreamMessageBody>>(), NullLoggerFactory.Instance, metrics: null, TimeProvider.System);
        DeadLetters = new DeadLetterStore(Provider, DataSource);
        Monitor = new StreamQueueMonitor(Provider, options.QueueCount, DataSource);
    }

    public string ConnectionString { get; }

    public PostgresStreamOptions Options { get; }

    public NpgsqlDataSource DataSource { get; }

    public StreamMessageStore Store { get; }

    public PostgresQueueAdapterFactory Factory { get; }

    public DeadLetterStore DeadLetters { get; }

    public StreamQueueMonitor Monitor { get; }

    public static async Task<string> CreateMigratedAsync(PostgresServer server)
    {
        var connectionString = server.ConnectionStringFor(await server.CreateDatabaseAsync());
        await new SchemaMigrator(connectionString, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return connectionString;
    }

    public static async Task<StreamDatabase> CreateAsync(PostgresServer server, Action<PostgresStreamOptions>? configure = null)
    {
        var options = new PostgresStreamOptions
        {
            QueueCount = 1,
            LeaseDuration = TimeSpan.FromSeconds(30),
            RetryBackoff = TimeSpan.FromMilliseconds(300),
            MaxAttempts = 3,
        };
        configure?.Invoke(options);
        options.ConnectionString = await CreateMigratedAsync(server);
        return new StreamDatabase(options.ConnectionString, options);
    }

    public QueueId QueueOf(StreamId streamId) => Factory.GetStreamQueueMapper().GetQueueForStream(streamId);

    public async Task<IQueueAdapter> AdapterAsync() => await Factory.CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapterReceiver> ReceiverAsync(QueueId queueId)
    {
        var receiver = (await AdapterAsync()).CreateReceiver(queueId);
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        receivers.Add(receiver);
        return receiver;
    }

    public async Task ProduceAsync(StreamId streamId, params TestEvent[] events)
    {
        var adapter = await AdapterAsync();
        foreach (var item in events)
        {
            await adapter.QueueMessageBatchAsync(streamId, [item], null, null);
        }
    }

    /// <summary>A payload exactly as the adapter would store it.</summary>
    public byte[] Payload(StreamId streamId, TestEvent item) =>
        services.GetRequiredService<Serializer<StreamMessageBody>>().SerializeToArray(new StreamMessageBody(streamId, [item], null));

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        // Stops the receivers' renewal loops; receivers a test already shut down are skipped.
        foreach (var receiver in receivers.OfType<PostgresQueueAdapterReceiver>().Where(receiver => !receiver.IsStopped))
        {
            await receiver.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
        }

        watch.Dispose();
        await DataSource.DisposeAsync();
        await services.DisposeAsync();
    }
}
