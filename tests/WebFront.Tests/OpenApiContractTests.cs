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

    [Fact]
    public async Task The_docs_page_is_self_contained_and_does_not_upgrade_its_own_requests_to_https()
    {
        using var client = api.Factory.CreateClient();

        using var response = await client.GetAsync("/docs/");
        var page = await response.Content.ReadAsStringAsync();

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("upgrade-insecure-requests", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("https:", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fonts.", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_enum_is_declared_as_a_string_so_generated_clients_read_the_values_the_api_writes()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").EnumerateObject().ToList();

        var enums = schemas.Where(s => s.Value.TryGetProperty("enum", out _)).ToList();
        Assert.Contains(enums, s => s.Name == "OrderStatus");
        Assert.All(enums, s => Assert.Equal("string", s.Value.GetProperty("type").GetString()));
    }

    [Theory]
    [InlineData("/api/orders", "post", "Idempotency-Key")]
    [InlineData("/api/users", "post", "Idempotency-Key")]
    [InlineData("/api/users/{id}", "patch", "If-Match")]
    [InlineData("/api/orders/{id}/pay", "post", "If-Match")]
    [InlineData("/api/users/{id}", "get", "If-None-Match")]
    [InlineData("/api/orders/{id}", "get", "If-None-Match")]
    public async Task The_headers_the_handlers_read_are_declared_as_header_parameters(string path, string method, string header)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Contains(operation.GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == header);
    }

    [Fact]
    public async Task The_headers_of_the_answers_are_declared()
    {
        var responses = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/orders").GetProperty("post").GetProperty("responses");

        var created = responses.GetProperty("201").GetProperty("headers");
        foreach (var header in new[] { "ETag", "Location", "Idempotent-Replayed", "RateLimit-Limit", "RateLimit-Remaining" })
        {
            Assert.True(created.TryGetProperty(header, out _), $"201 lacks {header}");
        }

        Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(responses.GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(responses.TryGetProperty("414", out _));
        Assert.True(responses.TryGetProperty("431", out _));
    }

    [Fact]
    public async Task Anonymous_operations_say_so_with_an_empty_security_list()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/users", "post"), ("/api/auth/token", "post"), ("/api/auth/refresh", "post") })
        {
            var security = paths.GetProperty(path).GetProperty(method).GetProperty("security");
            Assert.Equal(0, security.GetArrayLength());
        }
    }

    [Fact]
    public async Task The_server_url_is_configured_not_the_requests_host_and_has_no_trailing_slash()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";
        using var response = await _client.SendAsync(request);
        var document = await response.ReadAsync();

        var url = Assert.Single(document.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString()!;
        Assert.DoesNotContain("attacker.example", url, StringComparison.Ordinal);
        Assert.False(url.EndsWith('/'), url);
    }

    [Fact]
    public async Task Tags_operations_and_the_document_are_described()
    {
        var document = await DocumentAsync();

        Assert.All(document.GetProperty("tags").EnumerateArray(), tag => Assert.False(string.IsNullOrWhiteSpace(tag.GetProperty("description").GetString())));
        Assert.True(document.GetProperty("info").TryGetProperty("license", out _));
        Assert.True(document.GetProperty("info").TryGetProperty("contact", out _));
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.True(operation.Value.TryGetProperty("description", out var description) && description.GetString()!.Length > 0,
                    $"{operation.Name} {path.Name} has no description");
            }
        }
    }
}
