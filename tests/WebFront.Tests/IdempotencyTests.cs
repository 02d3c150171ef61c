using System.Net;
using Orleans.Core.Internal;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Grains.Users;
using Shop.WebFront.Endpoints;
using Shop.WebFront.Idempotency;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

public abstract class IdempotencyTests(ApiHost api) : IDisposable
{
    private readonly HttpClient _client = api.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Retrying_a_user_creation_with_the_same_key_and_body_returns_the_first_response()
    {
        var key = NewKey();
        var email = ShopClient.NewEmail();

        using var first = await PostAsync("/api/users", new { email, password = ShopClient.Password, name = "Once" }, key);
        using var retry = await PostAsync("/api/users", new { name = "Once", password = ShopClient.Password, email }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
    }

    [Fact]
    public async Task Retrying_an_order_with_the_same_key_creates_one_order()
    {
        var user = await _client.CreateUserAsync();
        var key = NewKey();

        using var first = await PostAsync("/api/orders", ShopClient.OrderBody(user.Id()), key);
        using var retry = await PostAsync("/api/orders", ShopClient.OrderBody(user.Id()), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.ReadAsync()).Id(), (await retry.ReadAsync()).Id());
        Assert.Equal(1, await CountOrdersAsync(user.Id()));
    }

    [Fact]
    public async Task Retrying_an_order_after_it_was_paid_replays_the_first_answer_byte_for_byte()
    {
        var user = await _client.CreateUserAsync();
        var key = NewKey();
        using var first = await PostAsync("/api/orders", ShopClient.OrderBody(user.Id()), key);
        var firstBody = await first.Content.ReadAsStringAsync();
        using var paid = await _client.PostAsync($"/api/orders/{(await first.ReadAsync()).Id()}/pay", null);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);

        using var retry = await PostAsync("/api/orders", ShopClient.OrderBody(user.Id()), key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_returns_422_IDEMPOTENCY_KEY_REUSED()
    {
        var user = await _client.CreateUserAsync();
        var key = NewKey();
        using var first = await PostAsync("/api/orders", ShopClient.OrderBody(user.Id(), quantity: 1), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var reused = await PostAsync("/api/orders", ShopClient.OrderBody(user.Id(), quantity: 2), key);

        await reused.HasErrorAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
        Assert.Equal(1, await CountOrdersAsync(user.Id()));
    }

    [Fact]
    public async Task A_different_password_under_the_same_key_is_a_different_request()
    {
        var key = NewKey();
        var email = ShopClient.NewEmail();
        using var first = await PostAsync("/api/users", new { email, password = ShopClient.Password }, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var reused = await PostAsync("/api/users", new { email, password = "another password" }, key);

        await reused.HasErrorAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
    }

    [Fact]
    public async Task A_form_and_json_with_the_same_content_are_the_same_request()
    {
        var key = NewKey();
        var email = ShopClient.NewEmail();
        using var first = await PostAsync("/api/users", new { email, password = ShopClient.Password, name = "Both" }, key);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = Json.Form(("name", "Both"), ("email", email), ("password", ShopClient.Password)),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var retry = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.ReadAsync()).Id(), (await retry.ReadAsync()).Id());
    }

    [Fact]
    public async Task The_same_key_in_another_scope_is_another_key()
    {
        var key = NewKey();
        var email = ShopClient.NewEmail();
        using var user = await PostAsync("/api/users", new { email, password = ShopClient.Password }, key);
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        _client.As((await _client.SignInAsync(email)).AccessToken);

        using var order = await PostAsync("/api/orders", ShopClient.OrderBody((await user.ReadAsync()).Id()), key);

        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
    }

    [Fact]
    public async Task A_refused_request_does_not_use_up_its_key()
    {
        // The grain refuses an order for a user deleted while their token is still valid.
        var gone = await _client.CreateUserAsync();
        using (var deleted = await _client.DeleteAsync($"/api/users/{gone.Id()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var key = NewKey();
        using var refused = await PostAsync("/api/orders", ShopClient.OrderBody(gone.Id()), key);
        await refused.HasErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");

        var user = await _client.CreateUserAsync();
        using var corrected = await PostAsync("/api/orders", ShopClient.OrderBody(user.Id()), key);

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Fact]
    public async Task A_repeated_sign_up_is_answered_with_the_first_user_and_another_request_for_the_address_hears_it_is_taken()
    {
        var key = NewKey();
        var body = new { email = ShopClient.NewEmail(), password = ShopClient.Password, name = "Once" };

        using var first = await PostAsync("/api/users", body, key);
        using var repeat = await PostAsync("/api/users", body, key);
        using var otherRequest = await PostAsync("/api/users", body, NewKey());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal("true", repeat.Headers.GetValues(IdempotencyKey.ReplayedHeader).Single());
        Assert.Equal((await first.ReadAsync()).Id(), (await repeat.ReadAsync()).Id());
        await otherRequest.HasErrorAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN");
    }

    [Fact]
    public async Task The_record_outlives_the_grain_activation_that_wrote_it()
    {
        var user = await _client.CreateUserAsync();
        var key = NewKey();
        using var first = await PostAsync("/api/orders", ShopClient.OrderBody(user.Id()), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        // Drop the activation: the next call must rebuild the record from grain storage.
        var record = api.Grains.GetGrain<IIdempotencyGrain>($"orders:{key}");
        await record.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);

        using var retry = await PostAsync("/api/orders", ShopClient.OrderBody(user.Id()), key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.ReadAsync()).Id(), (await retry.ReadAsync()).Id());
        Assert.Equal(1, await CountOrdersAsync(user.Id()));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_one_order()
    {
        var user = await _client.CreateUserAsync();
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync("/api/orders", ShopClient.OrderBody(user.Id()), key)));

        try
        {
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
            foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                await conflict.HasErrorAsync(HttpStatusCode.Conflict, "CONFLICT");
                Assert.NotNull(conflict.Headers.RetryAfter);
            }

            Assert.Equal(1, await CountOrdersAsync(user.Id()));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json.Body(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }

    private async Task<int> CountOrdersAsync(long userId)
    {
        using var response = await _client.GetAsync($"/api/users/{userId}/orders?limit=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync()).GetProperty("items").GetArrayLength();
    }
}

[Collection(ApiCollection.Name)]
public sealed class IdempotencyOnMemory(ApiFixture api) : IdempotencyTests(api);

[Collection(PostgresApiCollection.Name)]
public sealed class IdempotencyOnPostgres(PostgresApiFixture api) : IdempotencyTests(api);
