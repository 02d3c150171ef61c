using System.Net;
using System.Text.Json;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>The served document keeps the seed's contract: schema names, required members and constraints.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiContractTests(ApiFixture api) : IDisposable
{
    private static readonly string[] CommonErrors = ["429", "500", "503"];
    private static readonly string[] IdErrors = ["400", "404"];

    private readonly HttpClient _client = api.CreateClient();

    public void Dispose() => _client.Dispose();

    private async Task<JsonElement> DocumentAsync()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync();
    }

    private static JsonElement Schema(JsonElement document, string name) =>
        document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private static string[] Required(JsonElement schema) =>
        [.. schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task UserCreate_requires_email_and_password_with_the_seeds_constraints()
    {
        var userCreate = Schema(await DocumentAsync(), "UserCreate");

        Assert.Equal(["email", "password"], Required(userCreate));
        var properties = userCreate.GetProperty("properties");
        Assert.Equal("email", properties.GetProperty("email").GetProperty("format").GetString());
        Assert.Equal(8, properties.GetProperty("password").GetProperty("minLength").GetInt32());
        Assert.Equal(256, properties.GetProperty("password").GetProperty("maxLength").GetInt32());
        Assert.True(properties.TryGetProperty("name", out _));
    }

    [Fact]
    public async Task User_has_the_seeds_members_and_never_a_password()
    {
        var user = Schema(await DocumentAsync(), "User");

        var properties = user.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("id").GetProperty("type").GetString());
        Assert.Equal("email", properties.GetProperty("email").GetProperty("format").GetString());
        Assert.Equal("date-time", properties.GetProperty("created_at").GetProperty("format").GetString());
        Assert.True(properties.TryGetProperty("name", out _));
        Assert.False(properties.TryGetProperty("password", out _));
        Assert.False(properties.TryGetProperty("password_hash", out _));
        Assert.Contains("id", Required(user));
        Assert.Contains("email", Required(user));
    }

    [Fact]
    public async Task Error_has_code_message_and_field_details()
    {
        var document = await DocumentAsync();
        var error = Schema(document, "Error");

        Assert.Equal(["code", "details", "message"], Required(error));
        var details = error.GetProperty("properties").GetProperty("details");
        Assert.Equal("array", details.GetProperty("type").GetString());
        var detailName = details.GetProperty("items").GetProperty("$ref").GetString()!.Split('/')[^1];
        Assert.Equal(["field", "message"], Required(Schema(document, detailName)));
    }

    [Theory]
    [InlineData("/api/users", "post", "CreateUser", "201", "User")]
    [InlineData("/api/users", "get", "FindUserByEmail", "200", "User")]
    [InlineData("/api/users/{id}", "get", "GetUser", "200", "User")]
    [InlineData("/api/users/{id}", "patch", "UpdateUser", "200", "User")]
    [InlineData("/api/users/{id}", "delete", "DeleteUser", "204", null)]
    [InlineData("/api/users/{id}/orders", "get", "ListUserOrders", "200", "OrderList")]
    [InlineData("/api/orders", "post", "PlaceOrder", "201", "Order")]
    [InlineData("/api/orders/{id}", "get", "GetOrder", "200", "Order")]
    [InlineData("/api/orders/{id}/pay", "post", "PayOrder", "200", "Order")]
    [InlineData("/api/orders/{id}/ship", "post", "ShipOrder", "200", "Order")]
    [InlineData("/api/orders/{id}/deliver", "post", "DeliverOrder", "200", "Order")]
    [InlineData("/api/orders/{id}/cancel", "post", "CancelOrder", "200", "Order")]
    public async Task Every_endpoint_is_described_with_its_success_and_error_responses(
        string path, string method, string operationId, string success, string? schema)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        var responses = operation.GetProperty("responses");
        if (schema is not null)
        {
            Assert.EndsWith(
                $"/{schema}",
                responses.GetProperty(success).GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(),
                StringComparison.Ordinal);
        }
        else
        {
            Assert.True(responses.TryGetProperty(success, out _));
        }

        foreach (var status in CommonErrors.Concat(path.Contains("{id}", StringComparison.Ordinal) ? IdErrors : []))
        {
            var errorSchema = responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
            Assert.EndsWith("/Error", errorSchema.GetProperty("$ref").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Creating_a_user_accepts_json_and_forms_with_the_UserCreate_schema()
    {
        var body = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/users").GetProperty("post").GetProperty("requestBody").GetProperty("content");

        foreach (var type in new[] { "application/json", "application/x-www-form-urlencoded" })
        {
            Assert.EndsWith("/UserCreate", body.GetProperty(type).GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Path_ids_are_documented_as_64_bit_integers()
    {
        var parameter = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/orders/{id}").GetProperty("get").GetProperty("parameters")[0];

        Assert.Equal("id", parameter.GetProperty("name").GetString());
        Assert.Equal("integer", parameter.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("int64", parameter.GetProperty("schema").GetProperty("format").GetString());
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_docs()
    {
        using var client = api.Factory.CreateClient();

        using var response = await client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
