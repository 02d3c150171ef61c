using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Users.SignIn;
using Shop.Grains.Interfaces.Auth;
using Shop.WebFront.Auth;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Auth;

/// <summary>
/// Goes through everything that touches a password or a token (sign-up, sign-in, refresh, reuse, logout, failures,
/// Basic, a password change, refusals that might echo input), then looks at every response body, every log line of
/// WebFront and the silo (Debug and up) and every stream event for the passwords, the stored hashes and the tokens.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NoSecretsLeakTests(ApiFixture api)
{
    [Fact]
    public async Task No_response_body_log_line_or_stream_event_contains_a_password_a_hash_or_a_token()
    {
        var recorder = new RecordingHandler();
        using var client = api.Factory.CreateDefaultClient(recorder);
        var email = ShopClient.NewEmail();
        var password = $"first-Secret-{Guid.NewGuid():N}";
        var newPassword = $"second-Secret-{Guid.NewGuid():N}";
        var shortPassword = "s3cr3t!";
        var tokens = new List<string>();

        await Expect(HttpStatusCode.BadRequest, client.PostAsync("/api/users", Json.Body(new { email, password = shortPassword })));
        await Expect(HttpStatusCode.Created, client.PostAsync("/api/users", Json.Body(new { email, password, name = "Leak Check" })));
        await Expect(HttpStatusCode.Conflict, client.PostAsync("/api/users", Json.Body(new { email, password })));
        await Expect(HttpStatusCode.Unauthorized, client.TokenAsync(email, password + "x"));
        await Expect(HttpStatusCode.Unauthorized, client.TokenAsync(ShopClient.NewEmail(), password));
        var first = await TokensAsync(client.TokenAsync(email, password));
        tokens.AddRange(first);
        client.As(first[0]);
        var me = await ReadAsync(client.GetAsync("/api/users/me"));
        var userId = me.Id();
        await Expect(HttpStatusCode.OK, client.GetAsync($"/api/users?email={Uri.EscapeDataString(email)}"));
        var rotated = await TokensAsync(client.RefreshAsync(first[1]));
        tokens.AddRange(rotated);
        await Expect(HttpStatusCode.Unauthorized, client.RefreshAsync(first[1]));
        var second = await TokensAsync(client.TokenAsync(email, password));
        tokens.AddRange(second);
        await Expect(HttpStatusCode.NoContent, client.LogoutAsync(second[1]));
        // Basic opens only operator tools, so the account becomes one to take the path of a successful Basic sign-in.
        using var operatorClient = api.CreateOperatorClient();
        await Expect(HttpStatusCode.OK, operatorClient.PostAsync($"/api/users/{userId}/roles", Json.Body(new { role = Roles.Operator })));
        Assert.True(await BasicSignInAsync(email, password));
        Assert.False(await BasicSignInAsync(email, password + "x"));
        var third = await TokensAsync(client.TokenAsync(email, password));
        tokens.AddRange(third);
        client.As(third[0]);
        await Expect(HttpStatusCode.BadRequest, client.PatchAsync($"/api/users/{userId}", Json.Body(new { password = shortPassword })));
        await Expect(HttpStatusCode.OK, client.PatchAsync($"/api/users/{userId}", Json.Body(new { password = newPassword })));
        var fourth = await TokensAsync(client.TokenAsync(email, newPassword));
        tokens.AddRange(fourth);
        client.As(fourth[0]);
        await Expect(HttpStatusCode.Created, client.PostAsync("/api/orders", Json.Body(ShopClient.OrderBody(userId))));
        await Expect(HttpStatusCode.Unauthorized, client.RefreshAsync(third[1]));

        var stored = await StoredCredentialsAsync(userId);
        var hashes = stored.SignIn.RefreshTokens.Select(r => r.Hash).Append(stored.PasswordHash).ToList();
        Assert.NotEmpty(stored.PasswordHash);
        Assert.NotEmpty(stored.SignIn.RefreshTokens);
        var secrets = new List<string> { password, newPassword, shortPassword };
        secrets.AddRange(hashes);
        secrets.AddRange(tokens);
        secrets.AddRange(tokens.Select(t => t.Split('.')[^1]));

        foreach (var (path, body) in recorder.Responses)
        {
            // The token endpoints hand out tokens: that is their job. Nothing else may carry one.
            var mayCarryTokens = path is "/api/auth/token" or "/api/auth/refresh";
            foreach (var secret in mayCarryTokens ? secrets.Except(tokens).Except(tokens.Select(t => t.Split('.')[^1])) : secrets)
            {
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"The response of {path} contains a secret: {body}");
            }
        }

        var webFrontLogs = api.Factory.Logs.Lines.ToList();
        var siloLogs = api.Cluster.SiloServices.GetRequiredService<CapturedLogs>().Lines.ToList();
        var events = api.Cluster.SiloServices.GetRequiredService<CapturedStreamEvents>().Payloads.ToList();
        Assert.Contains(webFrontLogs, l => l.Contains("/api/auth/token", StringComparison.Ordinal));
        Assert.Contains(siloLogs, l => l.Contains("locked out", StringComparison.Ordinal) || l.Contains(userId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains(email, StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(webFrontLogs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(siloLogs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(events, e => e.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static async Task Expect(HttpStatusCode status, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.Equal(status, response.StatusCode);
    }

    private static async Task<System.Text.Json.JsonElement> ReadAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync();
    }

    /// <returns>The access token and the refresh token.</returns>
    private static async Task<string[]> TokensAsync(Task<HttpResponseMessage> call)
    {
        var body = await ReadAsync(call);
        return [body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!];
    }

    private async Task<bool> BasicSignInAsync(string email, string password)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "GET";
        context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{password}"));
        var result = await context.AuthenticateAsync(BasicAuthenticationHandler.SchemeName);
        return result.Succeeded;
    }

    /// <summary>The user's credentials as the silo stored them, hashes included: what must never leave the silo.</summary>
    private async Task<CredentialState> StoredCredentialsAsync(long userId)
    {
        var stored = await api.Cluster.SiloServices.GetRequiredService<ICredentialStore>().ReadAsync(userId);
        Assert.NotNull(stored);
        return stored.State;
    }
}
