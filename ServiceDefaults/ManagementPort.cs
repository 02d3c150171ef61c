using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Shop.ServiceDefaults;

internal static class ManagementPort
{
    /// <summary>ASP.NET Core's own default when neither URLs nor ports are configured.</summary>
    private const string DefaultUrl = "http://localhost:5000";

    public static int? Configured(IConfiguration configuration) =>
        configuration.GetValue<int?>($"{ManagementOptions.Section}:{nameof(ManagementOptions.Port)}");

    /// <summary>
    /// Listens on <c>Management:Port</c> (all interfaces) besides the application's own URLs, by adding it to them. The
    /// URLs must therefore be known when this runs: ASPNETCORE_URLS, --urls, ASPNETCORE_HTTP_PORTS or an earlier UseUrls.
    /// </summary>
    public static void ListenOnManagementPort(this WebApplicationBuilder builder)
    {
        if (Configured(builder.Configuration) is not { } port)
        {
            return;
        }

        builder.WebHost.UseUrls([.. ApplicationUrls(builder.Configuration), $"http://*:{port}"]);
    }

    private static IEnumerable<string> ApplicationUrls(ConfigurationManager configuration)
    {
        var separators = new[] { ';', ',' };
        const StringSplitOptions Options = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return urls.Split(separators, Options);
        }

        // URLs win over ports, so the ports (as in Microsoft's container images) must become URLs to survive.
        if (configuration[WebHostDefaults.HttpPortsKey] is { Length: > 0 } ports)
        {
            return ports.Split(separators, Options).Select(p => $"http://*:{p}");
        }

        return [DefaultUrl];
    }
}
