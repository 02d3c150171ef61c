using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Users;
using Shop.TestSupport;
using Shop.WebFront.Auth;
using Shop.WebFront.Tests.Fixtures;

namespace Shop.WebFront.Tests.Auth;

public sealed class VerifiedBasicCredentialsTests
{
    private static readonly UserView Operator = new()
    {
        Id = 7,
        Email = "ops@example.com",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        Version = 1,
    };

    private readonly ShiftableTimeProvider _clock = new();

    [Fact]
    public void A_verified_header_is_found_again_and_no_other_is()
    {
        var verified = Cache(TimeSpan.FromSeconds(30));

        verified.Remember("b3BzOnNlY3JldA==", Operator);

        Assert.Equal(Operator, verified.Find("b3BzOnNlY3JldA=="));
        Assert.Null(verified.Find("b3BzOm90aGVy"));
    }

    [Fact]
    public void A_verification_runs_out_after_its_time()
    {
        var verified = Cache(TimeSpan.FromSeconds(30));
        verified.Remember("b3BzOnNlY3JldA==", Operator);

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(verified.Find("b3BzOnNlY3JldA=="));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(verified.Find("b3BzOnNlY3JldA=="));
    }

    [Fact]
    public void With_no_time_configured_nothing_is_remembered()
    {
        var verified = Cache(TimeSpan.Zero);

        verified.Remember("b3BzOnNlY3JldA==", Operator);

        Assert.Null(verified.Find("b3BzOnNlY3JldA=="));
    }

    private VerifiedBasicCredentials Cache(TimeSpan verifiedFor) =>
        new(new StaticOptionsMonitor(new BasicAuthOptions { VerifiedFor = verifiedFor }), _clock);

    private sealed class StaticOptionsMonitor(BasicAuthOptions value) : IOptionsMonitor<BasicAuthOptions>
    {
        public BasicAuthOptions CurrentValue => value;

        public BasicAuthOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<BasicAuthOptions, string?> listener) => null;
    }
}
