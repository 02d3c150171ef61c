using Shop.WebFront.Endpoints;
using Shop.WebFront.Http;
using Shop.WebFront.OpenApi;
using Shop.WebFront.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddOrleansClient();
builder.AddApiSecurity();
builder.AddApiConventions();
builder.AddApiDocs();

var app = builder.Build();

app.UseApiPipeline();
app.MapApiDocs();
app.MapHealthApi();
app.MapUsersApi();
app.MapOrdersApi();

app.Run();

/// <summary>The entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
