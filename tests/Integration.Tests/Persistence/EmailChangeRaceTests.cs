using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;
using Shop.Integration.Tests.AdoNetContract;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Persistence;

/// <summary>
/// Races for one e-mail address on PostgreSQL: whoever wins, exactly one user holds it, the stored claim names that
/// user, and the loser keeps the address (and the claim) it had.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EmailChangeRaceTests(PostgresServer postgres) : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewEmail() => $"race-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task An_email_change_racing_a_sign_up_for_the_same_address_leaves_exactly_one_holder_and_no_orphan_claim()
    {
        await using var silo = await TestSilo.StartAsync(_connectionString, $"race-{Guid.NewGuid():N}");
        var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);
        for (var round = 0; round < 5; round++)
        {
            var before = NewEmail();
            var contested = NewEmail();
            var changer = await directory.CreateUserAsync(new CreateUser { Email = before, Password = "correct horse", Name = "Ann" });

            var change = Outcome(silo.Grains.GetGrain<IUserGrain>(changer.Id).UpdateAsync(new UpdateUser { Email = contested }));
            var signUp = Outcome(directory.CreateUserAsync(new CreateUser { Email = contested, Password = "correct horse", Name = "Bob" }));
            var results = await Task.WhenAll(change, signUp);

            var winners = results.Where(id => id != 0).ToList();
            var holder = Assert.Single(winners);
            Assert.Equal(holder, (await directory.FindByEmailAsync(contested))!.Id);
            await AssertClaimAsync(contested, holder);
            if (holder != changer.Id)
            {
                Assert.Equal(before, (await silo.Grains.GetGrain<IUserGrain>(changer.Id).GetAsync())!.Email);
                await AssertClaimAsync(before, changer.Id);
            }
        }
    }

    [Fact]
    public async Task Two_users_changing_to_one_address_at_once_leave_exactly_one_holder_and_the_other_as_it_was()
    {
        await using var silo = await TestSilo.StartAsync(_connectionString, $"race-{Guid.NewGuid():N}");
        var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);
        for (var round = 0; round < 5; round++)
        {
            var contested = NewEmail();
            var users = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                directory.CreateUserAsync(new CreateUser { Email = NewEmail(), Password = "correct horse", Name = "Ann" })));

            var results = await Task.WhenAll(users.Select(user =>
                Outcome(silo.Grains.GetGrain<IUserGrain>(user.Id).UpdateAsync(new UpdateUser { Email = contested }))));

            var holder = Assert.Single(results, id => id != 0);
            await AssertClaimAsync(contested, holder);
            var loser = Assert.Single(users, user => user.Id != holder);
            Assert.Equal(loser.Email, (await silo.Grains.GetGrain<IUserGrain>(loser.Id).GetAsync())!.Email);
            await AssertClaimAsync(loser.Email, loser.Id);
        }
    }

    /// <summary>The user id a create or change ended with, or 0 when the address was taken.</summary>
    private static async Task<long> Outcome(Task<UserView> attempt)
    {
        try
        {
            return (await attempt).Id;
        }
        catch (DomainException error) when (error.Code == DomainErrorCode.EmailTaken)
        {
            return 0;
        }
    }

    private async Task AssertClaimAsync(string email, long owner)
    {
        // The address's only claim is the users table's unique key: one row holds it, the owner's.
        var probe = new SqlProbe(_connectionString);
        Assert.Equal(1L, await probe.ScalarAsync<long>("SELECT count(*) FROM users WHERE email_key = upper(@email)", ("email", email)));
        Assert.Equal(owner, await probe.ScalarAsync<long>("SELECT id FROM users WHERE email_key = upper(@email)", ("email", email)));
    }
}
