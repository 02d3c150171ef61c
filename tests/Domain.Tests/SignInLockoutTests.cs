using Shop.Grains.Users.SignIn;

namespace Shop.Domain.Tests;

public sealed class SignInLockoutTests
{
    private static readonly SignInPolicyOptions Options = new()
    {
        SlowDownAfterFailures = 3,
        SlowDownStep = TimeSpan.FromMilliseconds(250),
        LockoutAfterFailures = 5,
        AccountLockoutAfterFailures = 20,
        KnownClients = 3,
        LockoutDuration = TimeSpan.FromMinutes(15),
    };

    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 250)]
    [InlineData(4, 500)]
    public void Delays_grow_only_after_the_slow_down_threshold(int failures, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), SignInLockout.DelayBefore(failures, Options));

    [Fact]
    public void A_client_is_locked_once_it_has_failed_the_limit()
    {
        Assert.False(SignInLockout.LocksClient(4, Options));
        Assert.True(SignInLockout.LocksClient(5, Options));
    }

    [Fact]
    public void The_account_locks_after_its_own_limit_and_starts_counting_again()
    {
        var account = new SignInState { FailedAttempts = 18 };

        var nineteen = SignInLockout.AfterFailure(account, Now, Options);
        var twenty = SignInLockout.AfterFailure(nineteen, Now, Options);

        Assert.Null(nineteen.LockedUntil);
        Assert.Equal(Now + Options.LockoutDuration, twenty.LockedUntil);
        Assert.Equal(0, twenty.FailedAttempts);
    }

    [Fact]
    public void A_locked_account_refuses_strangers_but_not_clients_it_knows_until_the_lock_ends()
    {
        var known = SignInLockout.Tag("192.0.2.1");
        var account = new SignInState { LockedUntil = Now.AddMinutes(1), KnownClients = [known] };

        Assert.True(SignInLockout.Refuses(account, SignInLockout.Tag("203.0.113.1"), Now));
        Assert.False(SignInLockout.Refuses(account, known, Now));
        Assert.False(SignInLockout.Refuses(account, SignInLockout.Tag("203.0.113.1"), Now.AddMinutes(2)));
    }

    [Fact]
    public void A_success_clears_failures_and_lock_and_remembers_a_bounded_list_of_clients_newest_first()
    {
        var account = new SignInState { FailedAttempts = 7, LockedUntil = Now, KnownClients = ["A", "B", "C"] };

        var after = SignInLockout.AfterSuccess(account, "D", Options);
        var again = SignInLockout.AfterSuccess(after, "B", Options);

        Assert.Equal(0, after.FailedAttempts);
        Assert.Null(after.LockedUntil);
        Assert.Equal(["D", "A", "B"], after.KnownClients.ToArray());
        Assert.Equal(["B", "D", "A"], again.KnownClients.ToArray());
    }

    [Fact]
    public void Tags_recognise_a_client_without_keeping_its_address()
    {
        Assert.Equal(SignInLockout.Tag("192.0.2.1"), SignInLockout.Tag("192.0.2.1"));
        Assert.NotEqual(SignInLockout.Tag("192.0.2.1"), SignInLockout.Tag("192.0.2.2"));
        Assert.DoesNotContain("192", SignInLockout.Tag("192.0.2.1"), StringComparison.Ordinal);
        Assert.Equal(24, SignInLockout.Tag("192.0.2.1").Length);
    }
}
