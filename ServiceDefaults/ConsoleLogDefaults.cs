using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace Shop.ServiceDefaults;

internal static class ConsoleLogDefaults
{
    private const string FormatterOptionsSection = "Logging:Console:FormatterOptions";

    /// <summary>
    /// JSON console logs are switched on by configuration (<c>Logging:Console:FormatterName=json</c>); these are their
    /// defaults, each of which configuration may still override: scopes on, because the host's scope carries the
    /// TraceId and SpanId that tie a log line to a trace and to the <c>trace_id</c> of an error response; UTC ISO 8601
    /// timestamps, so lines from several hosts sort together.
    /// </summary>
    public static void AddConsoleLogDefaults(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(FormatterOptionsSection);
        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = configured.GetValue(nameof(json.IncludeScopes), true);
            json.UseUtcTimestamp = configured.GetValue(nameof(json.UseUtcTimestamp), true);
            json.TimestampFormat = configured[nameof(json.TimestampFormat)] ?? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
    }
}
