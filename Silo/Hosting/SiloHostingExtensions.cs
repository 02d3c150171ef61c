using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;
using Orleans.Streams;
using Shop.Grains;
using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Jobs;
using Shop.Grains.Orders;
using Shop.Grains.Users;
using Shop.Grains.Users.SignIn;
using Shop.Grains.Storage;
using Shop.ServiceDefaults;
using Shop.Silo.Auth;
using Shop.Silo.Email;
using Shop.Silo.Health;
using Shop.Silo.Jobs;
using Shop.Silo.Logging;
using Shop.Silo.Schema;
using Shop.Silo.Storage;
using Shop.Streaming.Postgres;

namespace Shop.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>The silo's service name in telemetry, also when it serves the API.</summary>
    public const string ServiceName = "shop-silo";

    public const string PostgresConnectionName = "Postgres";
    public const string StorageName = ShopStorage.Name;
    private const string NpgsqlInvariant = "Npgsql";
    private const string InnerStorageName = "store.provider";

    /// <summary>
    /// Every consumer of the shop's streams is a grain with an implicit subscription (the e-mail jobs); services
    /// outside the silo read the order feed (migration 0008) instead. Explicit pub-sub would cost each new stream, one
    /// per order and per user, an Orleans rendezvous grain: an activation, a read and a stored row that is never
    /// deleted (2 of an order's 7 transactions, measured in bench/README.md).
    /// </summary>
    private const StreamPubSubType ImplicitSubscriptionsOnly = StreamPubSubType.ImplicitOnly;

    /// <summary>Settings of the <c>jobs</c> stream provider (<see cref="PostgresStreamOptions"/>), except its attempt count: <c>Email:MaxAttempts</c>.</summary>
    public const string JobStreamsSection = "Streams:Jobs";

    /// <summary>
    /// Hosts the shop's grains: on PostgreSQL for membership, state and reminders when <c>ConnectionStrings:Postgres</c>
    /// is set, otherwise on the embedded, in-memory default. Called after <c>AddServiceDefaults</c>, whose readiness
    /// checks it extends with the schema's.
    /// </summary>
    public static WebApplicationBuilder AddShopSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ClusterHostingOptions>(ClusterHostingOptions.Section);
        builder.Services.AddValidatedOptions<SiloDataOptions>(SiloDataOptions.Section);
        var hosting = builder.Configuration.GetSection(ClusterHostingOptions.Section).Get<ClusterHostingOptions>() ?? new();
        var postgres = builder.Configuration.GetConnectionString(PostgresConnectionName);
        var tunedPostgres = string.IsNullOrWhiteSpace(postgres) ? null : PostgresConnectionTuning.Apply(postgres);
        var ready = builder.Services.AddHealthChecks();
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.Services.AddSingleton(provider => new SchemaMigrator(postgres, provider.GetRequiredService<ILogger<SchemaMigrator>>()));
            builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(tunedPostgres!));
            builder.Services.AddSingleton<IdempotencySweeper>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<IdempotencySweeper>());
            builder.Services.AddValidatedOptions<FeedRetentionOptions>(FeedRetentionOptions.Section);
            builder.Services.AddSingleton<FeedRetentionSweeper>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<FeedRetentionSweeper>());
            ready.AddCheck<SchemaHealthCheck>("postgres-schema", tags: [ServiceDefaultsExtensions.ReadyTag]);
        }
        else
        {
            ready.AddCheck("embedded", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded("embedded default: data is not kept"), [ServiceDefaultsExtensions.ReadyTag]);
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = hosting.ClusterId;
                cluster.ServiceId = hosting.ServiceId;
            });
            silo.Configure<GrainCollectionOptions>(collection => collection.CollectionAge = hosting.GrainCollectionAge);

            // A dead or frozen silo is declared dead within 10 s: three missed probes of 1.5 s, then the votes
            // (with probes of 2 s, FrozenSiloTests measured 9.5-12.6 s). MaxProbeTimeout matters as much: votes are
            // suppressed while the last message from a silo is younger than MaxProbeTimeout x NumMissedProbesLimit,
            // and Orleans' default (4 x ProbeTimeout) made that window 24 s, during which a frozen silo (SIGSTOP, a
            // paused VM) stalled every call to its grains. The cost: a silo that stalls for more than ~6 s (a
            // pathological GC pause) is evicted and restarts its activations.
            // Configuration may still change any of it (Orleans:Membership:*).
            silo.Services.AddOptions<ClusterMembershipOptions>()
                .Configure(membership =>
                {
                    membership.ProbeTimeout = TimeSpan.FromSeconds(1.5);
                    membership.MaxProbeTimeout = TimeSpan.FromSeconds(2);
                    membership.NumMissedProbesLimit = 3;
                })
                .BindConfiguration($"{ClusterHostingOptions.Section}:Membership")
                // A configured ProbeTimeout above our 2 s ceiling brings the ceiling along, as Orleans' own default would.
                .PostConfigure(membership =>
                {
                    if (membership.MaxProbeTimeout < membership.ProbeTimeout)
                    {
                        membership.MaxProbeTimeout = membership.ProbeTimeout * 1.5;
                    }
                });

            if (tunedPostgres is null)
            {
                silo.UseEmbeddedDefaults(hosting);
            }
            else
            {
                silo.UsePostgres(tunedPostgres, hosting);
            }

            silo.AddTimedGrainStorage(StorageName, InnerStorageName);
            // Registered before the grains' own filters, so the lines those write carry the request's trace id too.
            if (builder.Configuration.ExportsTelemetry())
            {
                silo.AddActivityPropagation();
            }
            else
            {
                silo.AddIncomingGrainCallFilter<RequestTraceFilter>();
            }

            silo.AddDashboard();
            silo.AddShopGrains();
            silo.AddShopEmailSender();
            silo.Services.AddOptions<OperatorAccountOptions>().BindConfiguration(OperatorAccountOptions.Section);
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, OperatorAccountSeeder>();
        });
        return builder;
    }

    private static void UsePostgres(this ISiloBuilder silo, string connectionString, ClusterHostingOptions hosting)
    {
        silo.ConfigureEndpoints(
            AdvertisedAddress(hosting), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: hosting.ListenOnAnyHostAddress);
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(InnerStorageName, options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new JsonGrainStateSerializer();
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = NpgsqlInvariant;
            options.ConnectionString = connectionString;
        });
        // The jobs' attempt count is an e-mail setting (Email:MaxAttempts, the seed's "attempts: 3"); the queue applies it.
        silo.AddPostgresStreams(ShopStreams.Provider, options => options
            .BindConfiguration(JobStreamsSection)
            .Configure<IOptions<EmailOptions>>((streams, email) =>
            {
                streams.ConnectionString = connectionString;
                streams.MaxAttempts = email.Value.MaxAttempts;
            }),
            streams => streams.ConfigureStreamPubSub(ImplicitSubscriptionsOnly));
        silo.Services.AddSingleton<IDeadLetters>(provider =>
            new PostgresDeadLetters(provider.GetRequiredKeyedService<DeadLetterStore>(ShopStreams.Provider)));

        // Orders, users, their credentials and idempotency records live in tables of their own (migrations 0007, 0012,
        // 0013): a change, its event and its record commit in one statement, and concurrent statements share a commit
        // (GroupCommit).
        silo.Services.AddValidatedOptions<GroupCommitOptions>(GroupCommitOptions.Section);
        silo.Services.AddSingleton<GroupCommit>();
        // Timed like grain state (StorageTimer): operators see users and orders in the same histogram and warnings.
        silo.Services.AddSingleton<IOrderStore>(provider => new TimedOrderStore(
            new PostgresOrderStore(
                provider.GetRequiredService<Npgsql.NpgsqlDataSource>(),
                provider.GetRequiredService<GroupCommit>(),
                provider.GetRequiredKeyedService<PostgresStreamOutbox>(ShopStreams.Provider)),
            provider.GetRequiredService<StorageTimer>()));
        silo.Services.AddSingleton<IUserStore>(provider => new TimedUserStore(
            new PostgresUserStore(
                provider.GetRequiredService<Npgsql.NpgsqlDataSource>(),
                provider.GetRequiredService<GroupCommit>(),
                provider.GetRequiredKeyedService<PostgresStreamOutbox>(ShopStreams.Provider)),
            provider.GetRequiredService<StorageTimer>()));
        silo.Services.AddSingleton<ICredentialStore>(provider => new TimedCredentialStore(
            new PostgresCredentialStore(provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), provider.GetRequiredService<GroupCommit>()),
            provider.GetRequiredService<StorageTimer>()));
        silo.Services.AddSingleton<IIdempotencyStore, PostgresIdempotencyStore>();
    }

    private static void UseEmbeddedDefaults(this ISiloBuilder silo, ClusterHostingOptions hosting)
    {
        silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort, serviceId: hosting.ServiceId, clusterId: hosting.ClusterId);
        silo.AddMemoryGrainStorage(InnerStorageName);
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(ShopStreams.Provider, streams => streams.ConfigureStreamPubSub(ImplicitSubscriptionsOnly));
        silo.Services.AddHostedService<EmbeddedModeWarning>();
    }

    /// <summary>Unset: loopback (a one-machine cluster). <c>auto</c>: this host's first IPv4 address (one per container).</summary>
    private static IPAddress AdvertisedAddress(ClusterHostingOptions hosting) => hosting.AdvertisedIP?.Trim() switch
    {
        null or "" => IPAddress.Loopback,
        "auto" => Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback,
        var address => IPAddress.Parse(address),
    };
}
