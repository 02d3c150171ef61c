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
        var (records, token) = RefreshTokenLedger.Issue([], 42, Guid.NewGuid(), 0, Now, Options);
        Assert.StartsWith("42.", token, StringComparison.Ordinal);
        Assert.DoesNotContain(records, r => r.Hash.Contains(token.Split('.')[3], StringComparison.Ordinal));
    }

    [Fact]
    public void A_token_is_spent_once_then_its_reuse_revokes_the_family()
    {
        var family = Guid.NewGuid();
        var (records, token) = RefreshTokenLedger.Issue([], 1, family, 0, Now, Options);
        var spent = RefreshTokenLedger.Spend(records, token, Now);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.Rotated, spent.Outcome);
        Assert.Equal(family, spent.Family);

        var (afterRotate, _) = RefreshTokenLedger.Issue(spent.Records, 1, family, spent.NextGeneration, Now, Options);
        var reuse = RefreshTokenLedger.Spend(afterRotate, token, Now);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.ReuseDetected, reuse.Outcome);
        Assert.Empty(reuse.Records);
    }

    [Fact]
    public void A_session_stays_one_record_however_often_it_is_refreshed_and_any_old_token_still_revokes_it()
    {
        var family = Guid.NewGuid();
        var (records, token) = RefreshTokenLedger.Issue([], 7, family, 0, Now, Options);
        var first = token;
        for (var i = 0; i < 200; i++)
        {
            var spent = RefreshTokenLedger.Spend(records, token, Now.AddSeconds(i));
            Assert.Equal(RefreshTokenLedger.RotationOutcome.Rotated, spent.Outcome);
            (records, token) = RefreshTokenLedger.Issue(spent.Records, 7, family, spent.NextGeneration, Now.AddSeconds(i), Options);
        }

        var only = Assert.Single(records);
        Assert.Equal(200, only.Generation);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.ReuseDetected, RefreshTokenLedger.Spend(records, first, Now).Outcome);
    }

    [Fact]
    public void A_forged_generation_of_an_unknown_family_is_unknown_and_revokes_nothing()
    {
        var (records, _) = RefreshTokenLedger.Issue([], 1, Guid.NewGuid(), 3, Now, Options);
        var forged = $"1.{Guid.NewGuid():N}.0.abc";
        var spent = RefreshTokenLedger.Spend(records, forged, Now);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.Unknown, spent.Outcome);
        Assert.Equal(records, spent.Records);
        Assert.Equal(records, RefreshTokenLedger.RevokeByToken(records, forged));
    }

    [Fact]
    public void A_spent_record_written_before_generations_still_detects_reuse()
    {
        var family = Guid.NewGuid();
        var (records, token) = RefreshTokenLedger.Issue([], 1, family, 0, Now, Options);
        var legacy = records.Select(r => r with { Spent = true }).ToImmutableArray();
        Assert.Equal(RefreshTokenLedger.RotationOutcome.ReuseDetected, RefreshTokenLedger.Spend(legacy, token, Now).Outcome);
    }

    [Fact]
    public void Expired_and_unknown_tokens_do_not_rotate()
    {
        var (records, token) = RefreshTokenLedger.Issue([], 1, Guid.NewGuid(), 0, Now, Options);
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
            (records, var token) = RefreshTokenLedger.Issue(records, 1, Guid.NewGuid(), 0, Now.AddMinutes(i), Options);
            tokens.Add(token);
        }

        Assert.Equal(2, records.Length);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.Unknown, RefreshTokenLedger.Spend(records, tokens[0], Now).Outcome);
        Assert.Equal(RefreshTokenLedger.RotationOutcome.Rotated, RefreshTokenLedger.Spend(records, tokens[2], Now).Outcome);
    }
}
