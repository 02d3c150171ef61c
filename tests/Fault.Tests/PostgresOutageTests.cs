using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;
using Xunit.Abstractions;

namespace Shop.Fault.Tests;

/// <summary>
/// PostgreSQL stopped under a running silo and WebFront (real processes): writes answer 503 with Retry-After and the
/// error shape (never a 500 or driver text), a .NET caller of the grains catches a typed error, reads of active users go
/// on, readiness says degraded rather than unready, and writes work again once PostgreSQL is back.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task While_PostgreSQL_is_down_writes_answer_503_with_Retry_After_and_reads_go_on()
    {
        await using var cluster = await ProcessCluster.StartAsync(silos: 1);
        var webFront = await cluster.StartWebFrontAsync();
        using var http = new HttpClient { BaseAddress = webFront.HttpBase, Timeout = TimeSpan.FromSeconds(30) };
        using var api = new ShopHttpClient(webFront.HttpBase);
        var email = $"outage-{Guid.NewGuid():N}@example.com";
        var user = await api.CreateUserAsync(email, Password, "Ada");
        var token = await api.SignInAsync(email, Password);
        Assert.Equal("Ada", (await api.GetUserAsync(user.Id, token)).Name);

        await cluster.StopPostgresAsync();

        using (var rename = await SendAsync(http, HttpMethod.Patch, $"/api/users/{user.Id}", token, new { name = "Grace" }))
        {
            await AssertUnavailableAsync(rename);
        }

        using (var signUp = await SendAsync(http, HttpMethod.Post, "/api/users", null,
                   new { email = $"outage-{Guid.NewGuid():N}@example.com", password = Password, name = "Bob" }))
        {
            await AssertUnavailableAsync(signUp);
        }

        // A .NET service calling the grains directly gets a type it can catch, not a serialization failure.
        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            cluster.Client.GetGrain<IUserGrain>(user.Id).UpdateAsync(new UpdateUser { Name = "Grace" }));

        // The user is active: its reads come from memory and go on.
        Assert.Equal("Ada", (await api.GetUserAsync(user.Id, token)).Name);

        foreach (var host in new[] { webFront, cluster.Silos[0] })
        {
            using var ready = await http.GetAsync(new Uri(host.HttpBase, "/health/ready"));
            var body = await ready.Content.ReadAsStringAsync();
            output.WriteLine($"{host.Name} /health/ready during the outage: {(int)ready.StatusCode} {body}");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.DoesNotContain("Npgsql", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        }

        await cluster.StartPostgresAsync();

        // The pool reconnects by itself; the first writes after the restart may still meet dead connections.
        var renamed = await EventuallyAsync(() => api.RenameAsync(user.Id, token, "Grace"), TimeSpan.FromSeconds(60));
        Assert.Equal("Grace", renamed.Name);
        Assert.Equal("Grace", (await api.GetUserAsync(user.Id, token)).Name);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? token, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    private async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {text}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to retry");
        using var body = JsonDocument.Parse(text);
        Assert.Equal("SERVICE_UNAVAILABLE", body.RootElement.GetProperty("code").GetString());
        Assert.True(body.RootElement.TryGetProperty("message", out _));
        Assert.True(body.RootElement.TryGetProperty("details", out _));
        Assert.DoesNotContain("Npgsql", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> attempt, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (HttpRequestException exception) when (exception.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
