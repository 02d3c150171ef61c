using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace Shop.ServiceDefaults;

internal static class ManagementPort
{
    private const string DefaultUrl = "http://localhost:5000";

    public static int? Configured(IConfiguration configuration) =>
        configuration.GetValue<int?>($"{ManagementOptions.Section}:{nameof(ManagementOptions.Port)}");

    /// <summary>
    /// Listens on <c>Management:Port</c> (all interfaces) besides the application's own URLs. Kestrel would ignore the
    /// URLs (with a warning) once any endpoint is configured in code, so they become code-configured endpoints too; the
    /// URLs must therefore be known here (from ASPNETCORE_URLS, --urls, ASPNETCORE_HTTP_PORTS or an earlier UseUrls).
    /// </summary>
    public static void ListenOnManagementPort(this WebApplicationBuilder builder)
    {
        if (Configured(builder.Configuration) is not { } port)
        {
            return;
        }

        var addresses = ApplicationAddresses(builder.Configuration).ToList();
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var address in addresses)
            {
                Listen(kestrel, address);
            }

            kestrel.ListenAnyIP(port);
        });
    }

    private static IEnumerable<BindingAddress> ApplicationAddresses(ConfigurationManager configuration)
    {
        var separators = new[] { ';', ',' };
        const StringSplitOptions Options = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return urls.Split(separators, Options).Select(BindingAddress.Parse);
        }

        if (configuration[WebHostDefaults.HttpPortsKey] is { Length: > 0 } ports)
        {
            return ports.Split(separators, Options).Select(p => BindingAddress.Parse($"http://*:{p}"));
        }

        return [BindingAddress.Parse(DefaultUrl)];
    }

    private static void Listen(KestrelServerOptions kestrel, BindingAddress address)
    {
        if (!string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
        {
            // TLS ends at the proxy in front of the shop; a certificate here would need its own settings.
            throw new InvalidOperationException($"With {ManagementOptions.Section}:Port set, the application URLs must be http:// ({address}).");
        }

        switch (address.Host)
        {
            case "localhost":
                kestrel.ListenLocalhost(address.Port);
                break;
            case "*" or "+" or "0.0.0.0" or "[::]":
                kestrel.ListenAnyIP(address.Port);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(address.Host.Trim('[', ']')), address.Port);
                break;
        }
    }
}
