using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Streams;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Events;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Streaming.Postgres;
using Shop.TestSupport;

namespace Shop.Email.Tests;

/// <summary>
/// Another .NET service, as an Orleans client with the <c>jobs</c> provider registered, subscribes to an order's
/// events; its subscription is stored by the cluster and survives a silo restart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrderEventSubscriberTests(PostgresServer server)
{
    [Fact]
    public async Task A_client_service_receives_order_status_changes_in_order_also_after_the_silo_restarts()
    {
        var clusterId = $"events-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?> { ["Orleans:ClusterId"] = clusterId };
        var silo = await ShopSilo.StartAsync(server, settings, new ScriptedEmailSender());
        var database = silo.Database;
        try
        {
            var user = await silo.Client.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
                new CreateUser { Email = $"events-{Guid.NewGuid():N}@example.com", Password = "correct horse" });
            var order = await silo.Client.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
            {
                UserId = user.Id,
                Currency = "EUR",
                Items = [new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 10m }],
            });

            using var client = await StartClientAsync(clusterId, server.ConnectionStringFor(database));
            var cluster = client.Services.GetRequiredService<IClusterClient>();
            var seen = new List<IOrderEvent>();
            await cluster.GetStreamProvider(ShopStreams.Provider)
                .GetStream<IOrderEvent>(StreamId.Create(ShopStreams.Orders, order.Id))
                .SubscribeAsync((item, _) =>
                {
                    lock (seen)
                    {
                        seen.Add(item);
                    }

                    return Task.CompletedTask;
                });

            await cluster.GetGrain<IOrderGrain>(order.Id).ApplyAsync(OrderAction.Pay, null);
            await Wait.UntilAsync(() => Versions(seen).Contains(2), "the client sees the payment");

            await silo.DisposeAsync();
            silo = await ShopSilo.StartAsync(server, settings, new ScriptedEmailSender(), database);
            await Wait.UntilAsync(async () => await TryAsync(() => cluster.GetGrain<IOrderGrain>(order.Id).ApplyAsync(OrderAction.Ship, null)),
                "the client reaches the restarted silo");
            await Wait.UntilAsync(() => Versions(seen).Contains(3), "the client sees the shipment");

            // At least once: a repeat carries a version the subscriber has already seen and is skipped by it.
            var changes = seen.OfType<OrderStatusChanged>().DistinctBy(change => change.Version).ToList();
            Assert.Equal([(OrderStatus.Pending, OrderStatus.Paid, 2L), (OrderStatus.Paid, OrderStatus.Shipped, 3L)],
                changes.Select(change => (change.From, change.To, change.Version)));
            await client.StopAsync();
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    /// <summary>What README's "Order events as Orleans streams (inside the cluster)" asks of a client.</summary>
    private static async Task<IHost> StartClientAsync(string clusterId, string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = clusterId;
                cluster.ServiceId = "email-tests";
            });
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = "Npgsql";
                clustering.ConnectionString = connectionString;
            });
            client.AddPostgresStreams(ShopStreams.Provider, options => options.Configure(streams =>
            {
                streams.ConnectionString = connectionString;
                streams.QueueCount = 2;
            }));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static List<long> Versions(List<IOrderEvent> seen)
    {
        lock (seen)
        {
            return [.. seen.OfType<OrderStatusChanged>().Select(change => change.Version)];
        }
    }

    private static async Task<bool> TryAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (DomainException exception) when (exception.Code == DomainErrorCode.InvalidTransition)
        {
            // An earlier try timed out on the client but was applied.
            return true;
        }
        catch (Exception exception) when (exception is not DomainException)
        {
            return false;
        }
    }
}
