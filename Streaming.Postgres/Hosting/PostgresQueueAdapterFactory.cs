using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Shop.Streaming.Postgres;

/// <summary>
/// Entry point Orleans' persistent-stream framework asks for adapters, the queue layout and per-queue failure
/// handlers. Queue mapping and caching are Orleans' own (hash ring, simple cache); only storage is ours.
/// </summary>
internal sealed class PostgresQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string name;
    private readonly PostgresStreamOptions options;
    private readonly StreamMessageStore store;
    private readonly Serializer<StreamMessageBody> serializer;
    private readonly ILoggerFactory loggerFactory;
    private readonly StreamMetrics? metrics;
    private readonly TimeProvider timeProvider;
    private readonly HashRingBasedStreamQueueMapper queueMapper;
    private readonly SimpleQueueAdapterCache cache;
    private readonly ConcurrentDictionary<QueueId, InFlightMessages> inFlight = new();
    private readonly QueueWatch watch;

    /// <param name="watch">
    /// The provider's <see cref="QueueWatch"/>, shared with its <see cref="PostgresStreamOutbox"/> and owned by whoever
    /// built it (the silo's container, keyed by the provider name): the factory never disposes it.
    /// </param>
    public PostgresQueueAdapterFactory(
        string name,
        PostgresStreamOptions options,
        SimpleQueueCacheOptions cacheOptions,
        StreamMessageStore store,
        QueueWatch watch,
        Serializer<StreamMessageBody> serializer,
        ILoggerFactory loggerFactory,
        StreamMetrics? metrics,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.name = name;
        this.options = options;
        this.store = store;
        this.serializer = serializer;
        this.loggerFactory = loggerFactory;
        this.metrics = metrics;
        this.timeProvider = timeProvider;
        this.watch = watch;
        queueMapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        cache = new SimpleQueueAdapterCache(cacheOptions, name, loggerFactory);
    }

    /// <summary>The factory method <c>AddPersistentStreams</c> calls, once per provider name.</summary>
    public static PostgresQueueAdapterFactory Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new PostgresQueueAdapterFactory(
            name,
            services.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name),
            services.GetRequiredService<IOptionsMonitor<SimpleQueueCacheOptions>>().Get(name),
            services.GetRequiredKeyedService<StreamMessageStore>(name),
            services.GetRequiredKeyedService<QueueWatch>(name),
            services.GetRequiredService<Serializer<StreamMessageBody>>(),
            services.GetRequiredService<ILoggerFactory>(),
            services.GetService<StreamMetrics>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System);
    }

    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new PostgresQueueAdapter(name, options, store, queueMapper, serializer, InFlightFor, watch, metrics, timeProvider, loggerFactory));

    public IQueueAdapterCache GetQueueAdapterCache() => cache;

    public IStreamQueueMapper GetStreamQueueMapper() => queueMapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new PostgresStreamFailureHandler(
            queueId, options, store, InFlightFor(queueId), metrics, loggerFactory.CreateLogger<PostgresStreamFailureHandler>()));

    // The receiver and the failure handler of a queue are created separately by Orleans but must share leases.
    private InFlightMessages InFlightFor(QueueId queueId) => inFlight.GetOrAdd(queueId, _ => new InFlightMessages());
}
