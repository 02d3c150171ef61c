using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;

namespace Shop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SignInTests(ClusterFixture fixture)
{
    private const string Password = "correct horse";

    private IUserDirectoryGrain Directory => fixture.Client.GetGrain<IUserDirectoryGrain>(0);

    private async Task<UserView> NewUserAsync() =>
        await Directory.CreateUserAsync(new CreateUser { Email = $"signin-{Guid.NewGuid():N}@example.com", Password = Password });

    [Fact]
    public async Task The_right_password_signs_in_and_issues_a_refresh_token_for_that_user()
    {
        var user = await NewUserAsync();
        var result = await Directory.SignInAsync(user.Email.ToUpperInvariant(), Password);

        Assert.Equal(SignInOutcome.Succeeded, result.Outcome);
        Assert.Equal(user.Id, result.User!.Id);
        Assert.True(RefreshTokenFormat.TryGetUserId(result.RefreshToken, out var owner));
        Assert.Equal(user.Id, owner);
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        var user = await NewUserAsync();
        var unknown = await Directory.SignInAsync($"nobody-{Guid.NewGuid():N}@example.com", Password);
        var wrong = await Directory.SignInAsync(user.Email, "wrong password");

        Assert.Equal(unknown, wrong);
        Assert.Equal(SignInOutcome.Failed, wrong.Outcome);
        Assert.Null(wrong.User);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password_until_the_lock_expires()
    {
        var user = await NewUserAsync();
        for (var i = 0; i < ClusterFixture.LockoutAfterFailures; i++)
        {
            Assert.Equal(SignInOutcome.Failed, (await Directory.SignInAsync(user.Email, "wrong password")).Outcome);
        }

        var locked = await Directory.SignInAsync(user.Email, Password);
        Assert.Equal(SignInOutcome.LockedOut, locked.Outcome);
        Assert.NotNull(locked.RetryAfter);

        await Task.Delay(ClusterFixture.LockoutDuration + TimeSpan.FromMilliseconds(200));
        Assert.Equal(SignInOutcome.Succeeded, (await Directory.SignInAsync(user.Email, Password)).Outcome);
    }

    [Fact]
    public async Task A_refresh_token_rotates_and_reusing_a_spent_one_revokes_the_session()
    {
        var user = await NewUserAsync();
        var grain = fixture.Client.GetGrain<IUserGrain>(user.Id);
        var first = (await Directory.SignInAsync(user.Email, Password)).RefreshToken!;

        var second = await grain.RefreshAsync(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second.RefreshToken);

        Assert.Null(await grain.RefreshAsync(first));
        Assert.Null(await grain.RefreshAsync(second.RefreshToken));
    }

    [Fact]
    public async Task Logout_and_a_password_change_revoke_refresh_tokens()
    {
        var user = await NewUserAsync();
        var grain = fixture.Client.GetGrain<IUserGrain>(user.Id);
        var a = (await Directory.SignInAsync(user.Email, Password)).RefreshToken!;
        var b = (await Directory.SignInAsync(user.Email, Password)).RefreshToken!;

        await grain.RevokeRefreshTokenAsync(a);
        Assert.Null(await grain.RefreshAsync(a));
        var stillValid = await grain.RefreshAsync(b);
        Assert.NotNull(stillValid);

        await grain.UpdateAsync(new UpdateUser { Password = "battery staple" });
        Assert.Null(await grain.RefreshAsync(stillValid.RefreshToken));
    }

    [Fact]
    public async Task Operators_are_made_by_granting_the_role()
    {
        var user = await NewUserAsync();
        var granted = await fixture.Client.GetGrain<IUserGrain>(user.Id).GrantRoleAsync(Roles.Operator);
        Assert.Equal([Roles.Operator], granted.Roles);
        Assert.Equal([Roles.Operator], (await Directory.SignInAsync(user.Email, Password)).User!.Roles);
    }
}
