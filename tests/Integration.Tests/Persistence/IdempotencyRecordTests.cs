using Npgsql;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Grains.Interfaces.Users;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Persistence;

/// <summary>
/// An idempotency record on PostgreSQL, stored by the create it belongs to: a brand-new silo still refuses the key and
/// recalls what it created, and a record past its retention no longer holds the key.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class IdempotencyRecordTests(PostgresServer postgres) : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _clusterId = $"idem-{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_keyed_sign_up_is_recalled_after_a_full_silo_restart()
    {
        var ticket = new IdempotencyTicket { Key = $"users:{Guid.NewGuid():N}", Fingerprint = "fingerprint-1" };
        var signUp = SignUp(ticket);
        long userId;
        await using (var silo = await TestSilo.StartAsync(_connectionString, _clusterId))
        {
            userId = (await silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(signUp)).Id;
        }

        await using (var silo = await TestSilo.StartAsync(_connectionString, _clusterId))
        {
            var repeat = await Assert.ThrowsAsync<DomainException>(() => silo.Grains.GetGrain<IUserDirectoryGrain>(0).CreateUserAsync(signUp));
            var claim = await silo.Grains.GetGrain<IIdempotencyGrain>(ticket.Key).RecallAsync("fingerprint-1");
            var other = await Assert.ThrowsAsync<DomainException>(() => silo.Grains.GetGrain<IIdempotencyGrain>(ticket.Key).RecallAsync("fingerprint-2"));

            Assert.Equal(DomainErrorCode.IdempotencyKeyHeld, repeat.Code);
            Assert.Equal(IdempotencyClaimStatus.Completed, claim.Status);
            Assert.Equal(userId, claim.ResourceId);
            Assert.Equal(DomainErrorCode.IdempotencyKeyReused, other.Code);
        }
    }

    [Fact]
    public async Task A_record_past_its_retention_holds_its_key_no_more_and_is_replaced_by_the_next_create()
    {
        var ticket = new IdempotencyTicket { Key = $"users:{Guid.NewGuid():N}", Fingerprint = "fingerprint-1" };
        await using var silo = await TestSilo.StartAsync(_connectionString, _clusterId);
        var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);
        await directory.CreateUserAsync(SignUp(ticket));
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var expire = new NpgsqlCommand("UPDATE idempotency_records SET expires_at = now() - interval '1 second' WHERE key = @key", connection);
            expire.Parameters.AddWithValue("key", ticket.Key);
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }

        Assert.Equal(IdempotencyClaimStatus.InProgress, (await silo.Grains.GetGrain<IIdempotencyGrain>(ticket.Key).RecallAsync("fingerprint-1")).Status);
        var second = await directory.CreateUserAsync(SignUp(ticket with { Fingerprint = "fingerprint-2" }));
        var claim = await silo.Grains.GetGrain<IIdempotencyGrain>(ticket.Key).RecallAsync("fingerprint-2");
        Assert.Equal(second.Id, claim.ResourceId);
    }

    private static CreateUser SignUp(IdempotencyTicket ticket) =>
        new() { Email = $"{Guid.NewGuid():N}@example.com", Password = "correct horse battery", Idempotency = ticket };
}
