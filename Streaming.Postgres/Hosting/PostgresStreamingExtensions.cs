using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Serialization;

namespace Shop.Streaming.Postgres;

/// <summary>
/// The provider's public surface, as Orleans' own providers have it: this builder extension, its options, the two
/// services a host uses directly (<see cref="DeadLetterStore"/>, <see cref="PostgresStreamOutbox"/>) and the delivery
/// time a producer may set (<see cref="PostgresStreamDelivery"/>). Adapter, receivers, stores and metrics are internal.
/// The tables it needs ship with it (<c>Storage/Migrations</c>, embedded resources the host's schema migrator runs).
/// The folders share one namespace, so a host needs a single <c>using</c>.
/// </summary>
public static class PostgresStreamingExtensions
{
    private static readonly TimeSpan QueuePollPeriod = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Adds a durable stream provider named <paramref name="name"/> whose queues live in PostgreSQL (this assembly's
    /// migrations 0005 and 0006), on top of Orleans' persistent streams. Also registers, keyed by
    /// <paramref name="name"/>, the <see cref="DeadLetterStore"/> and <see cref="PostgresStreamOutbox"/> of the provider,
    /// and reports its dead letters and queue depths on the <c>Shop.Jobs</c> meter. Explicit subscriptions
    /// need Orleans' "PubSubStore" grain storage like any persistent stream provider; with
    /// <c>ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly)</c> in <paramref name="configureStreams"/> they need none.
    /// </summary>
    /// <param name="builder">The silo.</param>
    /// <param name="name">Stream provider name; also the <c>provider</c> column of its rows.</param>
    /// <param name="configureOptions">Binds or sets <see cref="PostgresStreamOptions"/>; validated when the host starts.</param>
    /// <param name="configureStreams">Optional tuning of Orleans' side (pulling agent, balancer, cache), applied last.</param>
    public static ISiloBuilder AddPostgresStreams(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<PostgresStreamOptions>> configureOptions,
        Action<ISiloPersistentStreamConfigurator>? configureStreams = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configureOptions);

        var services = builder.Services;
        var dataSourceKey = AddQueueStore(services, name, configureOptions);
        services.AddKeyedSingleton(name, (provider, _) =>
            new DeadLetterStore(name, provider.GetRequiredKeyedService<NpgsqlDataSource>(dataSourceKey)));
        // One watch per provider, shared by its adapter, receivers and outbox; the container owns it, so disposing
        // the silo stops its probe loop.
        services.AddKeyedSingleton(name, (provider, _) => new QueueWatch(
            provider.GetRequiredKeyedService<StreamMessageStore>(name),
            OptionsOf(provider, name),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<QueueWatch>>(),
            provider.GetService<StreamMetrics>()));
        services.AddKeyedSingleton(name, (provider, _) => new PostgresStreamOutbox(
            name,
            OptionsOf(provider, name).QueueCount,
            provider.GetRequiredService<Serializer<StreamMessageBody>>(),
            provider.GetRequiredKeyedService<QueueWatch>(name)));
        services.AddKeyedSingleton(name, (provider, _) =>
            new StreamQueueMonitor(name, OptionsOf(provider, name).QueueCount, provider.GetRequiredKeyedService<NpgsqlDataSource>(dataSourceKey)));

        services.TryAddSingleton<StreamMetrics>();
        services.AddSingleton<IHostedService>(provider => new StreamQueueGauges(
            name,
            provider.GetRequiredKeyedService<StreamQueueMonitor>(name),
            provider.GetRequiredService<StreamMetrics>(),
            OptionsOf(provider, name).MetricsInterval,
            provider.GetRequiredService<ILogger<StreamQueueGauges>>()));

        builder.AddPersistentStreams(name, PostgresQueueAdapterFactory.Create, streams =>
        {
            streams.ConfigurePullingAgent(agent => agent.Configure<IServiceProvider>((pulling, provider) =>
            {
                pulling.MaxEventDeliveryTime = SingleDeliveryCall.DeliveryWindow;
                // Orleans' 100 ms between polls was most of a mail's lateness once it came due (p50 100 ms in a burst).
                // A poll of a queue the QueueWatch does not think due touches no database, so polling more often costs
                // a timer tick per queue, not a statement.
                pulling.GetQueueMsgsTimerPeriod = QueuePollPeriod;
                pulling.StreamInactivityPeriod = OptionsOf(provider, name).StreamInactivityPeriod;
            }));
            streams.ConfigureBackoffProvider((_, _) => new SingleDeliveryCall());
            configureStreams?.Invoke(streams);
        });
        return builder;
    }

    /// <returns>The key of the provider's <see cref="NpgsqlDataSource"/>.</returns>
    private static string AddQueueStore(
        IServiceCollection services, string name, Action<OptionsBuilder<PostgresStreamOptions>> configureOptions)
    {
        var options = services.AddOptions<PostgresStreamOptions>(name);
        configureOptions(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStreamOptions>, PostgresStreamOptionsValidator>());

        var dataSourceKey = $"streams:{name}";
        services.AddKeyedSingleton(dataSourceKey, (provider, _) => NpgsqlDataSource.Create(OptionsOf(provider, name).ConnectionString));
        services.AddKeyedSingleton(name, (provider, _) =>
            new StreamMessageStore(name, provider.GetRequiredKeyedService<NpgsqlDataSource>(dataSourceKey)));
        return dataSourceKey;
    }

    private static PostgresStreamOptions OptionsOf(IServiceProvider provider, string name) =>
        provider.GetRequiredService<IOptionsMonitor<PostgresStreamOptions>>().Get(name);
}
