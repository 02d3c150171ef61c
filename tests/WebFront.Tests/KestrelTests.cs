using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>
/// What only a real server shows: its Server header, its own body limit on a streamed upload, and its minimum body
/// data rate.
/// </summary>
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

    [Fact]
    public async Task A_body_trickled_in_below_the_minimum_data_rate_gets_408_REQUEST_TIMEOUT()
    {
        await using var host = api.CreateFactory(new Dictionary<string, string?>());
        // Kestrel's default (240 bytes/s after 5 s) made small, so a slow client is caught within seconds.
        var factory = host.WithWebHostBuilder(web => web.ConfigureServices(services => services.Configure<KestrelServerOptions>(
            kestrel => kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(2)))));
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        var body = Encoding.UTF8.GetBytes($$"""{"email":"{{ShopClient.NewEmail()}}","password":"{{ShopClient.Password}}"}""");

        // A raw connection: HttpClient stops reading once it cannot send, and would never see the early answer.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port);
        var connection = tcp.GetStream();
        await connection.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/users HTTP/1.1\r\nHost: {client.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        var answer = ReadToEndAsync(connection);
        foreach (var octet in body)
        {
            if (answer.IsCompleted)
            {
                break;
            }

            try
            {
                await connection.WriteAsync(new[] { octet });
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        using var response = ParseResponse(await answer.WaitAsync(TimeSpan.FromSeconds(30)));
        await response.HasErrorAsync(HttpStatusCode.RequestTimeout, "REQUEST_TIMEOUT");
    }

    private static async Task<byte[]> ReadToEndAsync(Stream connection)
    {
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await connection.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // The server resets a connection whose client is still sending; what it answered before is kept.
        }

        return received.ToArray();
    }

    /// <summary>An HTTP/1.1 response as read off the wire (status, Content-Type, body plain or chunked).</summary>
    private static HttpResponseMessage ParseResponse(byte[] raw)
    {
        var text = Encoding.UTF8.GetString(raw);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headerEnd > 0, $"no complete response: {text}");
        var lines = text[..headerEnd].Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = text[(headerEnd + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var joined = new StringBuilder();
            var rest = body;
            while (rest.IndexOf("\r\n", StringComparison.Ordinal) is var end and > 0
                && int.Parse(rest[..end], NumberStyles.HexNumber, CultureInfo.InvariantCulture) is var size and > 0)
            {
                joined.Append(rest, end + 2, size);
                rest = rest[(end + 2 + size + 2)..];
            }

            body = joined.ToString();
        }

        var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(headers["Content-Type"]);
        return new HttpResponseMessage((HttpStatusCode)int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture)) { Content = content };
    }
}
