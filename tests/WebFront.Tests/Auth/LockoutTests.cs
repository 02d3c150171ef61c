using System.Net;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

/// <summary>
/// Both test silos (memory and PostgreSQL) refuse a client at an address for <see cref="ShopSiloConfigurator.LockoutDuration"/>
/// after 5 failures in a row from it; every request here without a peer header comes from the same client.
/// </summary>
public abstract class LockoutTests(ApiHost api) : IDisposable
{
    private const int FailuresThatLock = 5;

    private readonly HttpClient _client = api.CreateAnonymousClient();

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task After_repeated_failures_even_the_right_password_is_refused_with_the_same_401_until_the_lockout_ends()
    {
        var user = await _client.SignUpAsync();
        await FailAsync(user.Email, FailuresThatLock);

        using var locked = await _client.TokenAsync(user.Email, ShopClient.Password);
        using var unknown = await _client.TokenAsync(ShopClient.NewEmail(), ShopClient.Password);

        var lockedError = await locked.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var unknownError = await unknown.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        Assert.Equal(AuthRequests.WithoutTraceId(unknownError), AuthRequests.WithoutTraceId(lockedError));
        // A Retry-After would tell that the account exists (and is locked).
        Assert.Null(locked.Headers.RetryAfter);

        // The silo's clock ends the lock, not the wall clock: halfway through it still holds (unless this machine took
        // a whole real minute since the lock began), and just past its end the right password signs in.
        var halfway = ShopSiloConfigurator.LockoutDuration / 2;
        api.SiloClock.Advance(halfway);
        using var stillLocked = await _client.TokenAsync(user.Email, ShopClient.Password);
        await stillLocked.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        api.SiloClock.Advance(ShopSiloConfigurator.LockoutDuration - halfway + TimeSpan.FromSeconds(1));
        using var afterwards = await _client.TokenAsync(user.Email, ShopClient.Password);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task The_lockout_holds_across_webfront_instances()
    {
        await using var other = api.CreateFactory(new Dictionary<string, string?>());
        using var client = other.CreateClient();
        var user = await _client.SignUpAsync();
        await FailAsync(user.Email, FailuresThatLock);

        using var response = await client.TokenAsync(user.Email, ShopClient.Password);

        await response.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Fewer_failures_than_the_limit_do_not_lock_and_a_success_starts_the_count_again()
    {
        var user = await _client.SignUpAsync();
        await FailAsync(user.Email, FailuresThatLock - 1);
        using (var success = await _client.TokenAsync(user.Email, ShopClient.Password))
        {
            Assert.Equal(HttpStatusCode.OK, success.StatusCode);
        }

        await FailAsync(user.Email, FailuresThatLock - 1);
        using var stillOpen = await _client.TokenAsync(user.Email, ShopClient.Password);

        Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
    }

    [Fact]
    public async Task Locking_one_account_leaves_others_alone()
    {
        var victim = await _client.SignUpAsync();
        var bystander = await _client.SignUpAsync();
        await FailAsync(victim.Email, FailuresThatLock);

        using var response = await _client.TokenAsync(bystander.Email, ShopClient.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_client_failing_at_an_account_does_not_lock_its_owner_out()
    {
        var owner = await _client.SignUpAsync();
        for (var i = 0; i <= FailuresThatLock; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token")
            {
                Content = Json.Body(new { email = owner.Email, password = $"guess {i}" }),
            };
            request.Headers.Add(ShopApiFactory.PeerHeader, "198.51.100.90");
            using var guess = await _client.SendAsync(request);
            await guess.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }

        using var response = await _client.TokenAsync(owner.Email, ShopClient.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task FailAsync(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await _client.TokenAsync(email, $"wrong password {i}");
            await response.HasErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }
    }
}

[Collection(ApiCollection.Name)]
public sealed class LockoutOnMemory(ApiFixture api) : LockoutTests(api);

[Collection(PostgresApiCollection.Name)]
public sealed class LockoutOnPostgres(PostgresApiFixture api) : LockoutTests(api);
