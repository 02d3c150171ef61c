using Shop.ServiceDefaults;
using Shop.Silo.Hosting;
using Shop.WebFront;
using Shop.WebFront.Operators;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrl("http://127.0.0.1:8081");
builder.AddServiceDefaults(SiloHostingExtensions.ServiceName);
builder.AddShopSilo();
var servesApi = ApiHostingOptions.ServesApi(builder.Configuration);
if (servesApi)
{
    builder.AddShopApi();
}

var app = builder.Build();
var operatorEndpoints = app.MapOperatorEndpoints();
if (servesApi)
{
    // The dashboard's operator sign-in comes with the API's authentication; a silo without the API has neither.
    operatorEndpoints.MapDashboard();
    app.MapShopApi();
}

await app.MigrateSchemaAsync();
if (args.Contains("migrate"))
{
    return;
}

await app.RunAsync();
