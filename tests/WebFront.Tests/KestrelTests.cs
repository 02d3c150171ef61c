using System.Net;
using System.Net.Http.Headers;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>What only a real server shows: its Server header and its own body limit on a streamed upload.</summary>
[Collection(ApiCollection.Name)]
public sealed class KestrelTests(ApiFixture api)
{
    private ShopApiFactory StartKestrel()
    {
        var factory = api.CreateFactory(new Dictionary<string, string?>());
        factory.UseKestrel(0);
        factory.StartServer();
        return factory;
    }

    [Fact]
    public async Task Responses_name_no_server_software()
    {
        await using var factory = StartKestrel();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task A_streamed_body_over_10_MB_gets_413_PAYLOAD_TOO_LARGE()
    {
        await using var factory = StartKestrel();
        using var client = factory.CreateClient();
        using var content = new StreamContent(new MemoryStream(new byte[11 * 1024 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await response.HasErrorAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        using var alive = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
