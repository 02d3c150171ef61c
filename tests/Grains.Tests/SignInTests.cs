using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SignInTests(ClusterFixture fixture)
{
    private const string Password = "correct horse";
    private const string Client = "192.0.2.1";

    private IUserDirectoryGrain Directory => fixture.Client.GetGrain<IUserDirectoryGrain>(0);

    private IUserCredentialsGrain Credentials(long userId) => fixture.Client.GetGrain<IUserCredentialsGrain>(userId);

    private async Task<UserView> NewUserAsync() =>
        await Directory.CreateUserAsync(new CreateUser { Email = $"signin-{Guid.NewGuid():N}@example.com", Password = Password });

    [Fact]
    public async Task The_right_password_signs_in_and_issues_a_refresh_token_for_that_user()
    {
        var user = await NewUserAsync();
        var result = await Directory.SignInAsync(user.Email.ToUpperInvariant(), Password, Client);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal(user.Id, result.User!.Id);
        Assert.True(RefreshTokenFormat.TryGetUserId(result.RefreshToken, out var owner));
        Assert.Equal(user.Id, owner);
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        var user = await NewUserAsync();
        var unknown = await Directory.SignInAsync($"nobody-{Guid.NewGuid():N}@example.com", Password, Client);
        var wrong = await Directory.SignInAsync(user.Email, "wrong password", Client);

        Assert.Equal(unknown, wrong);
        Assert.Equal(SignInOutcome.Failed, wrong.Outcome);
        Assert.Null(wrong.User);
    }

    [Fact]
    public async Task Repeated_failures_from_one_client_refuse_that_client_even_the_right_password_until_the_lock_ends()
    {
        var user = await NewUserAsync();
        await FailAsync(user.Email, ClusterFixture.LockoutAfterFailures, _ => Client);

        var locked = await Directory.SignInAsync(user.Email, Password, Client);
        var otherClient = await Directory.SignInAsync(user.Email, Password, "192.0.2.2");

        Assert.Equal(SignInOutcome.LockedOut, locked.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, otherClient.Outcome);
        // The silos' clock ends the lock, not the wall clock: halfway through it still holds (unless this machine took a
        // whole real minute since the lock began), and just past its end the right password signs in.
        var halfway = ClusterFixture.LockoutDuration / 2;
        fixture.Clock.Advance(halfway);
        Assert.Equal(SignInOutcome.LockedOut, (await Directory.SignInAsync(user.Email, Password, Client)).Outcome);
        fixture.Clock.Advance(ClusterFixture.LockoutDuration - halfway + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.Succeeded, (await Directory.SignInAsync(user.Email, Password, Client)).Outcome);
    }

    [Fact]
    public async Task An_unknown_address_is_slowed_down_and_refused_exactly_like_a_real_account()
    {
        var user = await NewUserAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";

        var real = new List<SignInOutcome>();
        var made = new List<SignInOutcome>();
        for (var i = 0; i <= ClusterFixture.LockoutAfterFailures; i++)
        {
            real.Add((await Directory.SignInAsync(user.Email, "wrong password", Client)).Outcome);
            made.Add((await Directory.SignInAsync(unknown, "wrong password", Client)).Outcome);
        }

        Assert.Equal(real, made);
        Assert.Equal(SignInOutcome.LockedOut, made[^1]);
    }

    [Fact]
    public async Task Failures_spread_over_many_clients_lock_the_account_but_not_for_a_client_that_signed_in_before()
    {
        var user = await NewUserAsync();
        Assert.Equal(SignInOutcome.Succeeded, (await Directory.SignInAsync(user.Email, Password, "192.0.2.10")).Outcome);
        await FailAsync(user.Email, ClusterFixture.AccountLockoutAfterFailures, i => $"198.51.100.{i}");

        var stranger = await Directory.SignInAsync(user.Email, Password, "203.0.113.9");
        var owner = await Directory.SignInAsync(user.Email, Password, "192.0.2.10");

        Assert.Equal(SignInOutcome.LockedOut, stranger.Outcome);
        Assert.Equal(SignInOutcome.Succeeded, owner.Outcome);
    }

    [Fact]
    public async Task An_operator_unlock_lets_every_client_in_at_once()
    {
        var user = await NewUserAsync();
        await FailAsync(user.Email, ClusterFixture.AccountLockoutAfterFailures, i => $"198.51.100.{i}");
        Assert.Equal(SignInOutcome.LockedOut, (await Directory.SignInAsync(user.Email, Password, "203.0.113.10")).Outcome);

        var unlocked = await Credentials(user.Id).UnlockAsync();

        Assert.Equal(user, unlocked);

        Assert.Equal(SignInOutcome.Succeeded, (await Directory.SignInAsync(user.Email, Password, "203.0.113.10")).Outcome);
    }

    private async Task FailAsync(string email, int times, Func<int, string> client)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.Equal(SignInOutcome.Failed, (await Directory.SignInAsync(email, $"wrong password {i}", client(i))).Outcome);
        }
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_reusing_a_spent_one_revokes_the_session()
    {
        var user = await NewUserAsync();
        var grain = Credentials(user.Id);
        var first = (await Directory.SignInAsync(user.Email, Password, Client)).RefreshToken!;

        var second = await grain.RefreshAsync(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second.RefreshToken);

        Assert.Null(await grain.RefreshAsync(first));
        Assert.Null(await grain.RefreshAsync(second.RefreshToken));
    }

    [Fact]
    public async Task Logout_revokes_only_its_own_session()
    {
        var user = await NewUserAsync();
        var grain = Credentials(user.Id);
        var a = (await Directory.SignInAsync(user.Email, Password, Client)).RefreshToken!;
        var b = (await Directory.SignInAsync(user.Email, Password, Client)).RefreshToken!;

        await grain.RevokeRefreshTokenAsync(a);

        Assert.Null(await grain.RefreshAsync(a));
        var stillValid = await grain.RefreshAsync(b);
        Assert.NotNull(stillValid);
        Assert.Equal(user, stillValid.User);
    }

    [Fact]
    public async Task A_password_change_through_a_patch_revokes_every_session_and_only_the_new_password_signs_in()
    {
        var user = await NewUserAsync();
        var a = (await Directory.SignInAsync(user.Email, Password, Client)).RefreshToken!;
        var b = (await Directory.SignInAsync(user.Email, Password, "192.0.2.77")).RefreshToken!;

        var updated = await fixture.Client.GetGrain<IUserGrain>(user.Id).UpdateAsync(new UpdateUser { Password = "battery staple", ExpectedVersion = 1 });

        Assert.Equal(2, updated.Version);
        Assert.Null(await Credentials(user.Id).RefreshAsync(a));
        Assert.Null(await Credentials(user.Id).RefreshAsync(b));
        Assert.Equal(SignInOutcome.Failed, (await Directory.SignInAsync(user.Email, Password, Client)).Outcome);
        var signedIn = await Directory.SignInAsync(user.Email, "battery staple", Client);
        Assert.Equal(SignInOutcome.Succeeded, signedIn.Outcome);
        Assert.Equal(updated, signedIn.User);
    }

    [Fact]
    public async Task A_password_change_with_a_taken_address_is_refused_before_the_password_changes()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Client.GetGrain<IUserGrain>(user.Id)
            .UpdateAsync(new UpdateUser { Email = other.Email, Password = "battery staple" }));

        Assert.Equal(DomainErrorCode.EmailTaken, error.Code);
        Assert.True(await Credentials(user.Id).VerifyPasswordAsync(Password));
        Assert.False(await Credentials(user.Id).VerifyPasswordAsync("battery staple"));
    }

    [Fact]
    public async Task A_deleted_user_neither_signs_in_nor_refreshes_nor_passes_a_password_check()
    {
        var user = await NewUserAsync();
        var token = (await Directory.SignInAsync(user.Email, Password, Client)).RefreshToken!;
        var grain = Credentials(user.Id);
        Assert.True(await grain.VerifyPasswordAsync(Password));

        await fixture.Client.GetGrain<IUserGrain>(user.Id).DeleteAsync(expectedVersion: 1);

        Assert.Equal(SignInOutcome.Failed, (await Directory.SignInAsync(user.Email, Password, Client)).Outcome);
        Assert.Equal(SignInOutcome.Failed, (await grain.CheckCredentialsAsync(Password, Client)).Outcome);
        Assert.Null(await grain.RefreshAsync(token));
        Assert.False(await grain.VerifyPasswordAsync(Password));
    }

    [Fact]
    public async Task Operators_are_made_by_granting_the_role()
    {
        var user = await NewUserAsync();
        var granted = await fixture.Client.GetGrain<IUserGrain>(user.Id).GrantRoleAsync(Roles.Operator);
        Assert.Equal([Roles.Operator], granted.Roles);
        Assert.Equal([Roles.Operator], (await Directory.SignInAsync(user.Email, Password, Client)).User!.Roles);
    }
}
