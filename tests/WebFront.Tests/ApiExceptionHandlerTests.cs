using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Errors;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Tests;

/// <summary>Failures no client request can provoke on purpose, mapped by the one exception handler.</summary>
public sealed class ApiExceptionHandlerTests
{
    private static async Task<(HttpContext Http, JsonElement Body)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging();
        services.ConfigureHttpJsonOptions(_ => { });
        services.AddOptions<ClusterCallOptions>().Configure(o => o.UnavailableRetryAfter = TimeSpan.FromSeconds(9));
        services.AddExceptionHandler<ApiExceptionHandler>();
        await using var provider = services.BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = provider };
        http.Response.Body = new MemoryStream();

        var handler = provider.GetRequiredService<IExceptionHandler>();
        Assert.True(await handler.TryHandleAsync(http, exception, CancellationToken.None));

        http.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(http.Response.Body);
        return (http, document.RootElement.Clone());
    }

    [Fact]
    public async Task A_bug_becomes_500_INTERNAL_ERROR_with_only_a_trace_id()
    {
        var (http, body) = await HandleAsync(new InvalidOperationException("SELECT password_hash FROM users -- secret"));

        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal("INTERNAL_ERROR", body.GetProperty("code").GetString());
        Assert.Equal(0, body.GetProperty("details").GetArrayLength());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("traceId").GetString()));
        var text = body.GetRawText();
        Assert.DoesNotContain("SELECT", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_silo_answering_becomes_503_SERVICE_UNAVAILABLE_with_retry_after()
    {
        var (http, body) = await HandleAsync(new SiloUnavailableException("silo 10.0.0.1:11111 is dead"));

        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("9", http.Response.Headers.RetryAfter.ToString());
        Assert.Equal("SERVICE_UNAVAILABLE", body.GetProperty("code").GetString());
        Assert.DoesNotContain("10.0.0.1", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_call_timeout_becomes_503()
    {
        var (http, _) = await HandleAsync(new TimeoutException("Response did not arrive on time"));

        Assert.Equal(503, http.Response.StatusCode);
    }

    [Fact]
    public async Task Kestrels_body_limit_becomes_413_PAYLOAD_TOO_LARGE()
    {
        var (http, body) = await HandleAsync(new BadHttpRequestException("Request body too large.", 413));

        Assert.Equal(413, http.Response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", body.GetProperty("code").GetString());
    }
}
