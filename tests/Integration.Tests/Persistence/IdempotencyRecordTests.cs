using Shop.Grains.Interfaces.Idempotency;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Persistence;

/// <summary>
/// An idempotency record on PostgreSQL: a completed answer is replayed by a brand-new silo, and a key whose request
/// never finished is free again once its in-progress lease has run out.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class IdempotencyRecordTests(PostgresServer postgres) : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _clusterId = $"idem-{Guid.NewGuid():N}";

    public async Task InitializeAsync() => _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_completed_answer_is_replayed_after_a_full_silo_restart()
    {
        var key = $"users:{Guid.NewGuid():N}";
        var response = new IdempotentResponse { StatusCode = 201, Body = """{"id":42}""", Location = "/api/users/42", ETag = "\"1\"" };
        await using (var silo = await TestSilo.StartAsync(_connectionString, _clusterId))
        {
            var record = silo.Grains.GetGrain<IIdempotencyGrain>(key);
            Assert.Equal(IdempotencyClaimStatus.Acquired, (await record.BeginAsync("fingerprint-1")).Status);
            await record.CompleteAsync("fingerprint-1", response);
        }

        await using (var silo = await TestSilo.StartAsync(_connectionString, _clusterId))
        {
            var claim = await silo.Grains.GetGrain<IIdempotencyGrain>(key).BeginAsync("fingerprint-1");

            Assert.Equal(IdempotencyClaimStatus.Completed, claim.Status);
            Assert.Equal(response, claim.Response);
        }
    }

    [Fact]
    public async Task A_key_whose_request_never_finished_is_held_until_its_lease_ends_then_free()
    {
        // The silo's clock ends the lease, not the wall clock: halfway through it still holds (unless this machine took
        // half a real minute between two calls), and just past its end the key is free.
        var lease = TimeSpan.FromMinutes(1);
        var clock = new ShiftableTimeProvider();
        await using var silo = await TestSilo.StartAsync(_connectionString, _clusterId,
            new Dictionary<string, string?> { ["Idempotency:InProgressLease"] = lease.ToString() }, clock);
        var record = silo.Grains.GetGrain<IIdempotencyGrain>($"orders:{Guid.NewGuid():N}");
        Assert.Equal(IdempotencyClaimStatus.Acquired, (await record.BeginAsync("fingerprint-1")).Status);

        clock.Advance(lease / 2);
        var meanwhile = await record.BeginAsync("fingerprint-1");
        clock.Advance(lease - lease / 2 + TimeSpan.FromSeconds(1));
        var afterwards = await record.BeginAsync("fingerprint-1");

        Assert.Equal(IdempotencyClaimStatus.InProgress, meanwhile.Status);
        Assert.Equal(IdempotencyClaimStatus.Acquired, afterwards.Status);
    }
}
