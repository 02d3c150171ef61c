using System.Collections.Immutable;
using Shop.Grains.Users.SignIn;

namespace Shop.Domain.Tests;

public sealed class RefreshTokenLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SignInPolicyOptions Options = new() { MaxSessions = 2, RefreshTokenLifetime = TimeSpan.FromHours(1) };

    [Fact]
    public void Tokens_are_stored_only_as_hashes()
    {
        var (records, token) = RefreshTokenLedger.Issue([], 42, Guid.NewGuid(), Now, Options);
        Assert.StartsWith("42.", token, StringComparison.Ordinal);
        Assert.DoesNotContain(records, r => r.Hash.Contains(token[3..], StringComparison.Ordinal));
    }

    [Fact]
    public void A_token_is_spent_once_then_its_reuse_revokes_the_family()
    {
        var family = Guid.NewGuid();
        var (records, token) = RefreshTokenLedger.Issue([], 1, family, Now, Options);
        var (afterSpend, outcome, spentFamily) = RefreshTokenLedger.Spend(records, token, Now);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.Rotated, outcome);
        Assert.Equal(family, spentFamily);

        var (afterRotate, _) = RefreshTokenLedger.Issue(afterSpend, 1, family, Now, Options);
        var (afterReuse, reuse, _) = RefreshTokenLedger.Spend(afterRotate, token, Now);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.ReuseDetected, reuse);
        Assert.Empty(afterReuse);
    }

    [Fact]
    public void Expired_and_unknown_tokens_do_not_rotate()
    {
        var (records, token) = RefreshTokenLedger.Issue([], 1, Guid.NewGuid(), Now, Options);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.Expired, RefreshTokenLedger.Spend(records, token, Now.AddHours(2)).Outcome);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.Unknown, RefreshTokenLedger.Spend(records, "1.forged", Now).Outcome);
    }

    [Fact]
    public void The_oldest_session_goes_when_there_are_too_many()
    {
        var records = ImmutableArray<RefreshTokenRecord>.Empty;
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            (records, var token) = RefreshTokenLedger.Issue(records, 1, Guid.NewGuid(), Now.AddMinutes(i), Options);
            tokens.Add(token);
        }

        Assert.Equal(2, records.Length);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.Unknown, RefreshTokenLedger.Spend(records, tokens[0], Now).Outcome);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.Rotated, RefreshTokenLedger.Spend(records, tokens[2], Now).Outcome);
    }
}
