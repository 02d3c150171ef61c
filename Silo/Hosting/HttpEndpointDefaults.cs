namespace Shop.Silo.Hosting;

public static class HttpEndpointDefaults
{
    /// <summary>
    /// Listens on <paramref name="url"/> unless ASPNETCORE_URLS, --urls or the Urls setting says otherwise; a default in
    /// appsettings.json would silently win over ASPNETCORE_URLS, so it lives here.
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrl(this WebApplicationBuilder builder, string url)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(url);
        }

        return builder;
    }
}
