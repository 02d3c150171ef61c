using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Feed.Client;
using Shop.Samples.OrderFeedConsumer;

// dotnet run --project samples/OrderFeedConsumer -- --from start|<ISO time>|<tx:sequence> --position FILE
// One JSON line per event on stdout; logs go to stderr so stdout stays machine-readable.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
var connectionString = builder.Configuration.GetConnectionString("Postgres");
builder.Services.AddShopOrderFeed(feed => feed.ConnectionString = connectionString ?? "");
builder.Services.AddOptions<ConsumerArguments>()
    .Bind(builder.Configuration)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddHostedService<PrintingConsumer>();
await builder.Build().RunAsync();
