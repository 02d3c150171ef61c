using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;
using SqlProbe = Shop.Integration.Tests.AdoNetContract.SqlProbe;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;

namespace Shop.Integration.Tests.WritePath;

/// <summary>
/// A user is two rows on PostgreSQL, each with one writer: the profile (<c>users</c>, the user grain) and the
/// credentials (<c>user_credentials</c>, the credentials grain). Checked by the rows' transaction ids (<c>xmin</c>),
/// which any write moves, whatever it changes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UserCredentialsRowTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Password = "correct horse battery";

    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_sign_in_and_a_refresh_write_only_the_credentials_row_and_a_change_of_the_profile_only_the_users_row()
    {
        await using var silo = await TestSilo.StartAsync(_connectionString, $"rows-{Guid.NewGuid():N}");
        var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);
        var user = await directory.CreateUserAsync(new CreateUser { Email = $"rows-{Guid.NewGuid():N}@example.com", Password = Password });
        var signedUp = await RowsAsync(user.Id);

        var signedIn = await directory.SignInAsync(user.Email, Password, "10.0.0.1");
        var refreshed = await silo.Grains.GetGrain<IUserCredentialsGrain>(user.Id).RefreshAsync(signedIn.RefreshToken!);
        var afterSignIn = await RowsAsync(user.Id);
        await silo.Grains.GetGrain<IUserGrain>(user.Id).UpdateAsync(new UpdateUser { Name = "Grace", ExpectedVersion = 1 });
        var afterPatch = await RowsAsync(user.Id);

        Assert.Equal(SignInOutcome.Succeeded, signedIn.Outcome);
        Assert.NotNull(refreshed);
        Assert.Equal(signedUp.User, afterSignIn.User);
        Assert.NotEqual(signedUp.Credentials, afterSignIn.Credentials);
        Assert.Equal(signedUp.Credentials.Revision + 2, afterSignIn.Credentials.Revision);
        Assert.Equal(afterSignIn.Credentials, afterPatch.Credentials);
        Assert.Equal(afterSignIn.User.Revision + 1, afterPatch.User.Revision);
        // The session outlives the change of the profile.
        Assert.NotNull(await silo.Grains.GetGrain<IUserCredentialsGrain>(user.Id).RefreshAsync(refreshed.RefreshToken));
    }

    [Fact]
    public async Task A_password_change_writes_both_rows_and_a_delete_removes_both()
    {
        await using var silo = await TestSilo.StartAsync(_connectionString, $"rows-{Guid.NewGuid():N}");
        var directory = silo.Grains.GetGrain<IUserDirectoryGrain>(0);
        var user = await directory.CreateUserAsync(new CreateUser { Email = $"rows-{Guid.NewGuid():N}@example.com", Password = Password });
        var grain = silo.Grains.GetGrain<IUserGrain>(user.Id);
        var before = await RowsAsync(user.Id);

        await grain.UpdateAsync(new UpdateUser { Password = "battery staple horse", ExpectedVersion = 1 });
        var after = await RowsAsync(user.Id);
        await grain.DeleteAsync(expectedVersion: 2);

        Assert.Equal(before.User.Revision + 1, after.User.Revision);
        Assert.Equal(before.Credentials.Revision + 1, after.Credentials.Revision);
        var probe = new SqlProbe(_connectionString);
        Assert.Equal(0L, await probe.ScalarAsync<long>("SELECT count(*) FROM user_credentials WHERE user_id = @id", ("id", user.Id)));
        Assert.Equal(0L, await probe.ScalarAsync<long>("SELECT count(*) FROM users WHERE id = @id", ("id", user.Id)));
    }

    private async Task<(Row User, Row Credentials)> RowsAsync(long userId)
    {
        var probe = new SqlProbe(_connectionString);
        var user = await probe.ScalarAsync<string>("SELECT xmin::text || ' ' || revision FROM users WHERE id = @id", ("id", userId));
        var credentials = await probe.ScalarAsync<string>(
            "SELECT xmin::text || ' ' || revision FROM user_credentials WHERE user_id = @id", ("id", userId));
        return (Row.Parse(user!), Row.Parse(credentials!));
    }

    private sealed record Row(string Transaction, long Revision)
    {
        public static Row Parse(string row) => new(row.Split(' ')[0], long.Parse(row.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
