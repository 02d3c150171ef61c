using Shop.ServiceDefaults;
using Shop.WebFront;
using Shop.WebFront.Operators;
using Shop.WebFront.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(OperatorToolsExtensions.ServiceName);
builder.AddOrleansClient();
builder.AddShopApi();

var app = builder.Build();

app.MapOperatorEndpoints().MapDashboard();
app.MapShopApi();

app.Run();

/// <summary>The entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
