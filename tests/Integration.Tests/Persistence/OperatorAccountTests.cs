using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Persistence;

[Collection(PostgresCollection.Name)]
public sealed class OperatorAccountTests(PostgresServer postgres)
{
    [Fact]
    public async Task Two_silos_starting_together_seed_one_operator_account_with_the_operator_role()
    {
        var connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());
        var clusterId = $"ops-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Operator:Email"] = "ops@example.com",
            ["Auth:Operator:Password"] = "operator password",
        };

        var silos = await Task.WhenAll(
            TestSilo.StartAsync(connectionString, clusterId, settings),
            TestSilo.StartAsync(connectionString, clusterId, settings));
        try
        {
            var directory = silos[0].Grains.GetGrain<IUserDirectoryGrain>(0);
            var signIn = await directory.SignInAsync("OPS@example.com", "operator password", "192.0.2.1");
            Assert.Equal(SignInOutcome.Succeeded, signIn.Outcome);
            Assert.Equal([Roles.Operator], signIn.User!.Roles);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
