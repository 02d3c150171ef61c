using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// WebFront as deployed, configured only through its documented settings to reach the test cluster.
/// The test-only additions: <see cref="PeerHeader"/> stands in for the TCP peer address, which TestServer lacks, and
/// <see cref="Logs"/> keeps what the host logged.
/// </summary>
public sealed class ShopApiFactory(IClusterGateway cluster, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string PeerHeader = "X-Test-Peer-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Orleans:GatewayPort", cluster.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:ClusterId", cluster.ClusterId);
        builder.UseSetting("Orleans:ServiceId", cluster.ServiceId);
        builder.UseSetting("RateLimiting:PermitLimit", "1000000");
        builder.UseSetting("Auth:RateLimit:PermitLimit", "1000000");
        builder.UseSetting("Auth:Jwt:SigningKey", TestSigningKey.Base64);
        // Tokens the fixture issues once must outlive a slow test run.
        builder.UseSetting("Auth:Jwt:AccessTokenLifetime", "02:00:00");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddressFromHeader>());
        builder.ConfigureLogging(logging => logging
            .AddProvider(new CapturingLoggerProvider(Logs))
            .AddFilter<CapturingLoggerProvider>(null, CapturingLoggerProvider.Level));
    }

    public CapturedLogs Logs { get; } = new();

    private sealed class PeerAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader], out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
