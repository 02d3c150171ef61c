using System.Net;
using Npgsql;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>
/// The guard of the PostgreSQL pass: what the API stores is in the silo's database, so the scenarios' green run on
/// <see cref="PostgresApiFixture"/> cannot come from a silo that quietly fell back to memory storage.
/// </summary>
[Collection(PostgresApiCollection.Name)]
public sealed class PostgresStoreTests(PostgresApiFixture api)
{
    [Fact]
    public async Task A_user_and_a_paid_order_made_through_the_api_are_rows_of_the_silos_database()
    {
        await using var database = NpgsqlDataSource.Create(api.Silo.ConnectionString);
        using var client = api.CreateClient();
        var user = await client.CreateUserAsync();
        var key = Guid.NewGuid().ToString();
        using var place = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = Json.Body(ShopClient.OrderBody(user.Id())) };
        place.Headers.Add("Idempotency-Key", key);
        using var placed = await client.SendAsync(place);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.ReadAsync()).Id();
        using var paid = await client.PostAsync($"/api/orders/{orderId}/pay", null);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);

        await using var userRow = database.CreateCommand("SELECT email FROM users WHERE id = $1");
        userRow.Parameters.Add(new NpgsqlParameter { Value = user.Id() });
        Assert.Equal(user.GetProperty("email").GetString(), await userRow.ExecuteScalarAsync());
        await using var order = database.CreateCommand("SELECT user_id, status, version, total FROM orders WHERE id = $1");
        order.Parameters.Add(new NpgsqlParameter { Value = orderId });
        await using var row = await order.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"order {orderId} has no row");
        Assert.Equal(user.Id(), row.GetInt64(0));
        Assert.Equal("paid", row.GetString(1));
        Assert.Equal(2, row.GetInt64(2));
        Assert.Equal(19.98m, row.GetDecimal(3));
        await using var record = database.CreateCommand("SELECT resource_id FROM idempotency_records WHERE key = $1");
        record.Parameters.Add(new NpgsqlParameter { Value = $"orders:{key}" });
        Assert.Equal(orderId, await record.ExecuteScalarAsync());
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
