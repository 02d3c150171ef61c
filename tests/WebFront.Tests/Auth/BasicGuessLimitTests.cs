using System.Net;
using System.Text;
using Shop.Grains.Interfaces.Auth;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

/// <summary>
/// HTTP Basic on the dashboard checks a password per new header, so it is held to the sign-in limit
/// (<c>Auth:RateLimit</c>) per client and per account; a header already verified is not a guess and is not counted.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BasicGuessLimitTests(ApiFixture api)
{
    private const int Limit = 3;

    private ShopApiFactory Limited() => api.CreateAuthLimitedFactory(Limit);

    [Fact]
    public async Task Basic_guesses_from_one_client_over_the_sign_in_limit_get_429_with_Retry_After_even_for_the_right_password()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient();
        for (var i = 0; i < Limit; i++)
        {
            // Unknown accounts: the grains' lockout of real accounts stays out of this test.
            using var guess = await DashboardAsync(client, "198.51.100.40", ShopClient.NewEmail(), "guess");
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var limited = await DashboardAsync(client, "198.51.100.40", api.Operator.Email, ShopClient.Password);
        using var otherClient = await DashboardAsync(client, "198.51.100.41", ShopClient.NewEmail(), "guess");

        await limited.HasErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.StatusCode);
    }

    [Fact]
    public async Task Basic_guesses_at_one_account_spread_over_many_clients_are_limited_per_account()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient();
        var target = ShopClient.NewEmail();
        for (var i = 0; i < Limit; i++)
        {
            using var guess = await DashboardAsync(client, $"198.51.100.{50 + i}", target, $"guess {i}");
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var limited = await DashboardAsync(client, "198.51.100.60", target, "another guess");

        await limited.HasErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    [Fact]
    public async Task An_operator_whose_header_was_verified_keeps_polling_past_the_limit()
    {
        await using var factory = Limited();
        using var client = factory.CreateClient();
        using var anonymous = api.CreateAnonymousClient();
        var user = await anonymous.SignUpAsync();
        using (var grant = await api.CreateOperatorClient().PostAsync(
                   new Uri($"/api/users/{user.Id}/roles", UriKind.Relative), Json.Body(new { role = Roles.Operator })))
        {
            Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        }

        for (var i = 0; i < Limit * 3; i++)
        {
            using var poll = await DashboardAsync(client, "198.51.100.70", user.Email, ShopClient.Password);
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        }
    }

    [Fact]
    public async Task A_right_password_of_a_user_who_is_not_an_operator_is_answered_like_a_wrong_one()
    {
        using var client = api.CreateAnonymousClient();
        var user = await client.SignUpAsync();

        using var right = await DashboardAsync(client, "198.51.100.80", user.Email, ShopClient.Password);
        using var wrong = await DashboardAsync(client, "198.51.100.80", user.Email, "not the password");

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(await wrong.Content.ReadAsStringAsync() is { Length: > 0 }, await right.Content.ReadAsStringAsync() is { Length: > 0 });
        Assert.Equal(wrong.Headers.WwwAuthenticate.ToString(), right.Headers.WwwAuthenticate.ToString());
    }

    private static async Task<HttpResponseMessage> DashboardAsync(HttpClient client, string peer, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Add(ShopApiFactory.PeerHeader, peer);
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{password}")));
        return await client.SendAsync(request);
    }
}
