using Shop.WebFront.Auth;
using Shop.WebFront.Endpoints;
using Shop.WebFront.Http;
using Shop.WebFront.OpenApi;
using Shop.WebFront.Operators;
using Shop.WebFront.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddOperatorTools();
builder.AddOrleansClient();
builder.AddApiSecurity();
builder.AddApiAuthentication();
builder.AddApiConventions();
builder.AddApiDocs();

var app = builder.Build();

app.UseOperatorTools();
app.UseApiPipeline();
app.UseApiAuthentication();
app.MapApiDocs();
app.MapOperatorTools();
app.MapAuthApi();
app.MapUsersApi();
app.MapOrdersApi();
app.MapAdminApi();

app.Run();

/// <summary>The entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
