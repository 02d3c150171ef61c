using Shop.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrl("http://127.0.0.1:8081");
builder.AddShopSilo();
builder.AddCoHostedApi();

var app = builder.Build();
app.MapSiloEndpoints();

await app.MigrateSchemaAsync();
if (args.Contains("migrate"))
{
    return;
}

await app.RunAsync();
