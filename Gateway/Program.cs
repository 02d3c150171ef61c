using Shop.Gateway;

// The one entry URL of a cluster whose silos serve the API themselves: YARP spreads requests over the silos, stops
// sending to one whose /health/ready fails (or whose connections fail), sends a read that could not reach its silo to
// another (ReadRetry), and adds X-Forwarded-For so the silos' per-client rate limits see the client, not the gateway.
// Routes and clusters are configuration (ReverseProxy:*).
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    // docker-compose names the silos once (http://silo:8081); each address behind that name becomes a destination.
    .AddDnsDestinationResolver(dns => dns.RefreshPeriod = TimeSpan.FromSeconds(15));

var app = builder.Build();
app.MapReverseProxy(proxy =>
{
    proxy.UseReadRetry();
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});
app.Run();
