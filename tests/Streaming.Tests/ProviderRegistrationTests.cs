using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Shop.Streaming.Postgres;
using Shop.TestSupport;

namespace Shop.Streaming.Tests;

/// <summary>
/// What <c>AddPostgresStreams</c> puts in the silo's container: one <see cref="QueueWatch"/> per provider name, which the
/// adapter Orleans asks for and the outbox hosts write through both wake, so a write from either is read at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ProviderRegistrationTests(PostgresServer server)
{
    private const string Provider = "jobs";

    [Fact]
    public async Task The_adapter_and_the_outbox_of_a_provider_wake_its_one_queue_watch()
    {
        var connectionString = await StreamDatabase.CreateMigratedAsync(server);
        using var host = Build(connectionString);
        var watch = host.Services.GetRequiredKeyedService<QueueWatch>(Provider);
        var outbox = host.Services.GetRequiredKeyedService<PostgresStreamOutbox>(Provider);
        var adapter = await PostgresQueueAdapterFactory.Create(host.Services, Provider).CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("jobs", "1");
        watch.Watch(0);

        // The outbox first: it writes no row here, so the watch's probe cannot make the queue due meanwhile.
        watch.Read(0, count: 0);
        Assert.False(watch.IsDue(0));
        outbox.Committed(outbox.Message(stream, new TestEvent("written by the host")));
        Assert.True(watch.IsDue(0));

        watch.Read(0, count: 0);
        Assert.False(watch.IsDue(0));
        await adapter.QueueMessageBatchAsync(stream, [new TestEvent("produced")], null, null);
        Assert.True(watch.IsDue(0));
    }

    [Fact]
    public void Each_provider_name_has_a_queue_watch_of_its_own()
    {
        using var host = Build("Host=unused", "other");

        Assert.Same(
            host.Services.GetRequiredKeyedService<QueueWatch>(Provider), host.Services.GetRequiredKeyedService<QueueWatch>(Provider));
        Assert.NotSame(
            host.Services.GetRequiredKeyedService<QueueWatch>(Provider), host.Services.GetRequiredKeyedService<QueueWatch>("other"));
    }

    // Built, not started: the container is what is under test, and disposing the host disposes the watches it made.
    private static IHost Build(string connectionString, params string[] moreProviders)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            foreach (var name in moreProviders.Prepend(Provider))
            {
                silo.AddPostgresStreams(name, options => options.Configure(streams =>
                {
                    streams.ConnectionString = connectionString;
                    streams.QueueCount = 1;
                }));
            }
        });
        return builder.Build();
    }
}
