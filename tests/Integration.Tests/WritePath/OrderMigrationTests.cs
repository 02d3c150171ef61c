using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Shop.Grains.Email;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Orders;
using Shop.Integration.Tests.Persistence;
using Shop.Silo.Schema;
using Shop.TestSupport;
using Shop.Grains.Storage;
using SqlProbe = Shop.Integration.Tests.AdoNetContract.SqlProbe;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// A database written before orders had their own table (orders and idempotency records as grain state rows, every
/// order id in its user's row) is served the same after migration 0007; confirmation markers kept as grain state
/// before migration 0010 still stop a second mail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrderMigrationTests(PostgresServer postgres)
{
    private const int OrdersTableMigration = 7;
    private const int ConfirmationMarkerMigration = 10;

    [Fact]
    public async Task Orders_and_idempotency_records_stored_as_grain_state_are_read_back_after_the_migration()
    {
        var connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());
        var clusterId = $"migrate-{Guid.NewGuid():N}";
        var createdAt = new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);
        long userId;
        await using (var silo = await TestSilo.StartAsync(connectionString, clusterId))
        {
            userId = (await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
                new CreateUser { Email = $"old-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" })).Id;

            // Today's layout, written by the ADO.NET provider itself as the order and idempotency grains wrote it.
            var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ShopStorage.Name);
            for (var id = 901L; id <= 905; id++)
            {
                var order = new OrderState
                {
                    UserId = userId,
                    Items = [new OrderItem { Sku = $"SKU-{id}", Quantity = 2, UnitPrice = 1.25m }],
                    Total = 2.5m,
                    Currency = "EUR",
                    Status = id == 905 ? OrderStatus.Cancelled : OrderStatus.Pending,
                    CreatedAt = createdAt.AddMinutes(id - 900),
                    UpdatedAt = createdAt.AddMinutes(id - 900),
                    Version = id == 905 ? 2 : 1,
                };
                await storage.WriteStateAsync("order", GrainId.Create(GrainType.Create("order"), GrainIdKeyExtensions.CreateIntegerKey(id)), new GrainState<OrderState>(order));
            }

            await storage.WriteStateAsync("idempotency", GrainId.Create("idempotency", "orders:legacy"), new GrainState<LegacyIdempotencyState>(new()
            {
                Fingerprint = "legacy-fingerprint",
                Response = new IdempotentResponse { StatusCode = 201, Body = "{\"id\":\"901\"}", Location = "/api/orders/901", ETag = "W/\"1\"" },
                ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            }));
        }

        await new SqlProbe(connectionString).ExecuteAsync(MigrationCatalog.Load().Single(m => m.Version == OrdersTableMigration).Sql);

        await using (var silo = await TestSilo.StartAsync(connectionString, clusterId))
        {
            var cancelled = (await silo.Grains.GetGrain<IOrderGrain>(905).GetAsync())!;
            Assert.Equal((userId, OrderStatus.Cancelled, 2L, 2.5m, "EUR"), (cancelled.UserId, cancelled.Status, cancelled.Version, cancelled.Total, cancelled.Currency));
            Assert.Equal(createdAt.AddMinutes(5), cancelled.CreatedAt);
            Assert.Equal("SKU-905", Assert.Single(cancelled.Items).Sku);

            var user = silo.Grains.GetGrain<IUserGrain>(userId);
            var first = await user.ListOrdersAsync(3, null);
            var second = await user.ListOrdersAsync(3, first.NextCursor);
            Assert.Equal([905L, 904, 903], first.Items.Select(o => o.Id));
            Assert.Equal([902L, 901], second.Items.Select(o => o.Id));
            Assert.Null(second.NextCursor);

            // The user still reads and writes (users have a table of their own since migration 0012: UserMigrationTests).
            Assert.Equal("Ada Lovelace", (await user.UpdateAsync(new UpdateUser { Name = "Ada Lovelace" })).Name);

            var replay = await silo.Grains.GetGrain<IIdempotencyGrain>("orders:legacy").RecallAsync("legacy-fingerprint");
            Assert.Equal(IdempotencyClaimStatus.Completed, replay.Status);
            Assert.Equal("/api/orders/901", replay.Response!.Location);
        }

        Assert.Equal(0L, await new SqlProbe(connectionString).ScalarAsync<long>("SELECT count(*) FROM orleans_grain_state WHERE grain_type IN ('order', 'idempotency')"));
    }

    [Fact]
    public async Task A_confirmation_marker_stored_as_grain_state_moves_onto_the_order_row_so_no_mail_goes_out_twice()
    {
        var connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());
        // The silo's own confirmation job must not send (and mark) the mail while the test plays the old layout.
        await using var silo = await TestSilo.StartAsync(connectionString, $"migrate-{Guid.NewGuid():N}",
            new Dictionary<string, string?> { ["Email:OrderConfirmationDelay"] = "01:00:00" });
        var user = await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(
            new CreateUser { Email = $"marker-{Guid.NewGuid():N}@example.com", Password = "correct horse", Name = "Ada" });
        var order = await silo.Grains.GetGrain<IOrderDirectoryGrain>(0).PlaceOrderAsync(new PlaceOrder
        {
            UserId = user.Id,
            Currency = "EUR",
            Items = [new OrderItem { Sku = "BOOK", Quantity = 1, UnitPrice = 9.5m }],
        });

        // The order as it stood before migration 0010: no marker on its row, the marker in the job grain's state.
        await new SqlProbe(connectionString).ExecuteAsync("ALTER TABLE orders DROP COLUMN confirmation_sent_at, DROP COLUMN confirmation_message_id");
        var sentAt = new DateTimeOffset(2026, 11, 2, 9, 15, 30, TimeSpan.Zero);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(ShopStorage.Name);
        await storage.WriteStateAsync("order-confirmation-email",
            GrainId.Create(GrainType.Create("order-confirmation-email"), GrainIdKeyExtensions.CreateIntegerKey(order.Id)),
            new GrainState<EmailJobState>(new EmailJobState { SentAt = sentAt, MessageId = "legacy@shop" }));

        await new SqlProbe(connectionString).ExecuteAsync(MigrationCatalog.Load().Single(m => m.Version == ConfirmationMarkerMigration).Sql);

        var status = await silo.Services.GetRequiredService<IOrderStore>().ReadConfirmationAsync(order.Id);
        Assert.Equal(sentAt, status!.Sent!.SentAt);
        Assert.Equal("legacy@shop", status.Sent.MessageId);
        Assert.Equal(0L, await new SqlProbe(connectionString).ScalarAsync<long>("SELECT count(*) FROM orleans_grain_state WHERE grain_type = 'order-confirmation-email'"));
    }

    /// <summary>The idempotency grain's state before migration 0007, as the ADO.NET provider stored it.</summary>
    private sealed class LegacyIdempotencyState
    {
        public string? Fingerprint { get; set; }

        public IdempotentResponse? Response { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
