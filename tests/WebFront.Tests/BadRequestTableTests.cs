using System.Net;
using System.Text;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>
/// Hostile and clumsy requests: each gets its 4xx with the Error shape, none a 500, and the host keeps answering.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadRequestTableTests(ApiFixture api) : IDisposable
{
    private const string Users = "/api/users";
    private const string Orders = "/api/orders";
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private const string Valid = "correct horse battery";

    private readonly HttpClient _client = api.CreateClient();

    public void Dispose() => _client.Dispose();

    public static TheoryData<BadRequest> Cases()
    {
        var cases = new TheoryData<BadRequest>();
        void Add(string name, string method, string path, string? contentType, string? body, int status, string code, params (string, string)[] headers) =>
            cases.Add(new BadRequest(name, method, path, contentType, body is null ? null : Encoding.UTF8.GetBytes(body), status, code, headers));
        void AddBytes(string name, string method, string path, string? contentType, byte[] body, int status, string code) =>
            cases.Add(new BadRequest(name, method, path, contentType, body, status, code, []));

        // Malformed JSON
        Add("truncated JSON", "POST", Users, Json, """{"email":""", 400, "VALIDATION_ERROR");
        Add("not JSON at all", "POST", Users, Json, "email=a@b.c", 400, "VALIDATION_ERROR");
        Add("JSON array instead of object", "POST", Users, Json, "[]", 400, "VALIDATION_ERROR");
        Add("JSON string instead of object", "POST", Users, Json, "\"hello\"", 400, "VALIDATION_ERROR");
        Add("JSON null", "POST", Users, Json, "null", 400, "VALIDATION_ERROR");
        Add("empty JSON body", "POST", Users, Json, "", 400, "VALIDATION_ERROR");
        Add("trailing comma", "POST", Users, Json, $$"""{"email":"a@b.co","password":"{{Valid}}",}""", 400, "VALIDATION_ERROR");
        Add("duplicate member", "POST", Users, Json, $$"""{"email":"a@b.co","email":"c@d.co","password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("single quotes", "POST", Users, Json, "{'email':'a@b.co'}", 400, "VALIDATION_ERROR");
        Add("deep nesting", "POST", Users, Json, new string('[', 500) + new string(']', 500), 400, "VALIDATION_ERROR");
        Add("comment in JSON", "POST", Users, Json, $$"""{"email":"a@b.co", /* x */ "password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        AddBytes("invalid UTF-8", "POST", Users, Json, [.. "{\"email\":\""u8, 0xC3, 0x28, .. "@b.co\",\"password\":\"xxxxxxxxxx\"}"u8], 400, "VALIDATION_ERROR");

        // Missing fields and wrong types
        Add("empty object", "POST", Users, Json, "{}", 400, "VALIDATION_ERROR");
        Add("missing password", "POST", Users, Json, """{"email":"a@b.co"}""", 400, "VALIDATION_ERROR");
        Add("missing email", "POST", Users, Json, $$"""{"password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("null email", "POST", Users, Json, $$"""{"email":null,"password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("email is a number", "POST", Users, Json, $$"""{"email":123,"password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("email is an array", "POST", Users, Json, $$"""{"email":["a@b.co"],"password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("password is a number", "POST", Users, Json, """{"email":"a@b.co","password":12345678}""", 400, "VALIDATION_ERROR");
        Add("password is true", "POST", Users, Json, """{"email":"a@b.co","password":true}""", 400, "VALIDATION_ERROR");
        Add("name is an object", "POST", Users, Json, $$$"""{"email":"a@b.co","password":"{{{Valid}}}","name":{"first":"A"}}""", 400, "VALIDATION_ERROR");
        Add("email without @", "POST", Users, Json, $$"""{"email":"nobody","password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("short password", "POST", Users, Json, """{"email":"a@b.co","password":"short"}""", 400, "VALIDATION_ERROR");

        // Control characters, very long strings, injection text
        Add("control character in name", "POST", Users, Json, $$"""{"email":"{{Unique()}}","password":"{{Valid}}","name":"a\u0001b"}""", 400, "VALIDATION_ERROR");
        Add("NUL in email", "POST", Users, Json, $$"""{"email":"a\u0000b@c.co","password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("raw control character in JSON string", "POST", Users, Json, $"{{\"email\":\"a\u0002@b.co\",\"password\":\"{Valid}\"}}", 400, "VALIDATION_ERROR");
        Add("newline in email", "POST", Users, Json, $$"""{"email":"a@b.co\r\nBcc: x@y.z","password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("lone surrogate", "POST", Users, Json, $$"""{"email":"{{Unique()}}","password":"{{Valid}}","name":"\ud800"}""", 400, "VALIDATION_ERROR");
        Add("very long name", "POST", Users, Json, $$"""{"email":"{{Unique()}}","password":"{{Valid}}","name":"{{new string('n', 100_000)}}"}""", 400, "VALIDATION_ERROR");
        Add("very long email", "POST", Users, Json, $$"""{"email":"{{new string('e', 100_000)}}@b.co","password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("very long password", "POST", Users, Json, $$"""{"email":"{{Unique()}}","password":"{{new string('p', 100_000)}}"}""", 400, "VALIDATION_ERROR");
        Add("SQL injection in email", "POST", Users, Json, $$"""{"email":"x@y.co'; DROP TABLE users;--","password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("SQL injection in id", "GET", "/api/users/1%20OR%201=1", null, null, 400, "VALIDATION_ERROR");
        Add("script injection in email", "POST", Users, Json, $$"""{"email":"<script>alert(1)</script>@x.co","password":"{{Valid}}"}""", 400, "VALIDATION_ERROR");
        Add("script injection in sku", "POST", Orders, Json, """{"user_id":1,"items":[{"sku":"<script>alert(1)</script>\u0000","quantity":1,"unit_price":1}],"currency":"EUR"}""", 400, "VALIDATION_ERROR");

        // Content types and sizes
        Add("text/plain", "POST", Users, "text/plain", $$"""{"email":"a@b.co","password":"{{Valid}}"}""", 415, "UNSUPPORTED_MEDIA_TYPE");
        Add("no content type", "POST", Users, null, $$"""{"email":"a@b.co","password":"{{Valid}}"}""", 415, "UNSUPPORTED_MEDIA_TYPE");
        Add("application/xml", "POST", Users, "application/xml", "<user><email>a@b.co</email></user>", 415, "UNSUPPORTED_MEDIA_TYPE");
        Add("multipart/form-data", "POST", Users, "multipart/form-data; boundary=x", "--x--", 415, "UNSUPPORTED_MEDIA_TYPE");
        Add("JSON in Latin-1", "POST", Users, "application/json; charset=iso-8859-1", """{"email":"a@b.co"}""", 415, "UNSUPPORTED_MEDIA_TYPE");
        Add("order as text/csv", "POST", Orders, "text/csv", "user_id,sku\n1,A", 415, "UNSUPPORTED_MEDIA_TYPE");
        Add("patch as text/plain", "PATCH", "/api/users/1", "text/plain", "name=x", 415, "UNSUPPORTED_MEDIA_TYPE");
        Add("11 MB JSON body", "POST", Users, Json, $$"""{"email":"a@b.co","password":"{{Valid}}","name":"{{new string('x', 11 * 1024 * 1024)}}"}""", 413, "PAYLOAD_TOO_LARGE");
        Add("11 MB form body", "POST", Orders, Form, "currency=" + new string('x', 11 * 1024 * 1024), 413, "PAYLOAD_TOO_LARGE");

        // Forms
        Add("form without password", "POST", Users, Form, "email=a%40b.co", 400, "VALIDATION_ERROR");
        Add("form with a broken field name", "POST", Users, Form, $"email]x=a&password={Valid}", 400, "VALIDATION_ERROR");
        Add("form with conflicting field names", "POST", Users, Form, $"email=a%40b.co&email[x]=1&password={Valid}", 400, "VALIDATION_ERROR");
        Add("form with items not numbered from 0", "POST", Orders, Form, "user_id=1&items[5][sku]=A&items[5][quantity]=1&items[5][unit_price]=1&currency=EUR", 400, "VALIDATION_ERROR");
        Add("form with a negative quantity", "POST", Orders, Form, "user_id=1&items[0][sku]=A&items[0][quantity]=-1&items[0][unit_price]=1&currency=EUR", 400, "VALIDATION_ERROR");
        Add("form with a non-numeric quantity", "POST", Orders, Form, "user_id=1&items[0][sku]=A&items[0][quantity]=abc&items[0][unit_price]=1&currency=EUR", 400, "VALIDATION_ERROR");

        // Ids
        foreach (var id in new[] { "abc", "-1", "99999999999999999999", "0", "1.5", "%20", "0x10" })
        {
            Add($"user id {id}", "GET", $"{Users}/{id}", null, null, 400, "VALIDATION_ERROR");
        }

        foreach (var id in new[] { "abc", "-1", "99999999999999999999" })
        {
            Add($"order id {id}", "GET", $"{Orders}/{id}", null, null, 400, "VALIDATION_ERROR");
            Add($"pay order {id}", "POST", $"{Orders}/{id}/pay", null, null, 400, "VALIDATION_ERROR");
            Add($"delete user {id}", "DELETE", $"{Users}/{id}", null, null, 400, "VALIDATION_ERROR");
            Add($"orders of user {id}", "GET", $"{Users}/{id}/orders", null, null, 400, "VALIDATION_ERROR");
        }

        Add("patch user -1", "PATCH", $"{Users}/-1", Json, """{"name":"x"}""", 400, "VALIDATION_ERROR");
        Add("page size abc", "GET", $"{Users}/1/orders?limit=abc", null, null, 400, "VALIDATION_ERROR");
        Add("cursor -5", "GET", $"{Users}/1/orders?cursor=-5", null, null, 400, "VALIDATION_ERROR");
        Add("empty email query", "GET", $"{Users}?email=", null, null, 400, "VALIDATION_ERROR");

        // Orders: quantities, prices, currencies, users
        static string Order(string item, string currency = "\"EUR\"", string user = "1") =>
            $$"""{"user_id":{{user}},"items":[{{item}}],"currency":{{currency}}}""";
        Add("negative quantity", "POST", Orders, Json, Order("""{"sku":"A","quantity":-1,"unit_price":1}"""), 400, "VALIDATION_ERROR");
        Add("zero quantity", "POST", Orders, Json, Order("""{"sku":"A","quantity":0,"unit_price":1}"""), 400, "VALIDATION_ERROR");
        Add("huge quantity", "POST", Orders, Json, Order("""{"sku":"A","quantity":99999999999,"unit_price":1}"""), 400, "VALIDATION_ERROR");
        Add("quantity over the limit", "POST", Orders, Json, Order("""{"sku":"A","quantity":10001,"unit_price":1}"""), 400, "VALIDATION_ERROR");
        Add("fractional quantity", "POST", Orders, Json, Order("""{"sku":"A","quantity":1.5,"unit_price":1}"""), 400, "VALIDATION_ERROR");
        Add("quantity as a string", "POST", Orders, Json, Order("""{"sku":"A","quantity":"3","unit_price":1}"""), 400, "VALIDATION_ERROR");
        Add("negative price", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":-0.01}"""), 400, "VALIDATION_ERROR");
        Add("price as a string", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":"free"}"""), 400, "VALIDATION_ERROR");
        Add("astronomical price", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":1e400}"""), 400, "VALIDATION_ERROR");
        Add("price with too many decimals", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":0.00001}"""), 400, "VALIDATION_ERROR");
        Add("empty sku", "POST", Orders, Json, Order("""{"sku":"","quantity":1,"unit_price":1}"""), 400, "VALIDATION_ERROR");
        Add("very long sku", "POST", Orders, Json, Order($$"""{"sku":"{{new string('s', 5000)}}","quantity":1,"unit_price":1}"""), 400, "VALIDATION_ERROR");
        Add("item is a number", "POST", Orders, Json, Order("42"), 400, "VALIDATION_ERROR");
        Add("no items", "POST", Orders, Json, Order(string.Empty), 400, "VALIDATION_ERROR");
        Add("items is a string", "POST", Orders, Json, """{"user_id":1,"items":"A","currency":"EUR"}""", 400, "VALIDATION_ERROR");
        Add("too many items", "POST", Orders, Json, Order(string.Join(',', Enumerable.Repeat("""{"sku":"A","quantity":1,"unit_price":1}""", 101))), 400, "VALIDATION_ERROR");
        Add("missing currency", "POST", Orders, Json, """{"user_id":1,"items":[{"sku":"A","quantity":1,"unit_price":1}]}""", 400, "VALIDATION_ERROR");
        Add("currency not ISO 4217", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":1}""", "\"EURO\""), 400, "VALIDATION_ERROR");
        Add("currency is a number", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":1}""", "978"), 400, "VALIDATION_ERROR");
        Add("user id as text", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":1}""", user: "\"abc\""), 400, "VALIDATION_ERROR");
        Add("negative user id", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":1}""", user: "-1"), 400, "VALIDATION_ERROR");
        Add("user id beyond 64 bits", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":1}""", user: "99999999999999999999"), 400, "VALIDATION_ERROR");

        // Headers, routes, methods
        Add("idempotency key too long", "POST", Users, Json, $$"""{"email":"a@b.co","password":"{{Valid}}"}""", 400, "VALIDATION_ERROR", ("Idempotency-Key", new string('k', 300)));
        Add("idempotency key with spaces", "POST", Orders, Json, Order("""{"sku":"A","quantity":1,"unit_price":1}"""), 400, "VALIDATION_ERROR", ("Idempotency-Key", "two words"));
        Add("garbage If-Match", "DELETE", $"{Users}/1", null, null, 400, "VALIDATION_ERROR", ("If-Match", "not-an-etag"));
        Add("unknown route", "GET", "/api/nothing-here", null, null, 404, "NOT_FOUND");
        Add("unknown transition", "POST", $"{Orders}/1/refund", null, null, 404, "NOT_FOUND");
        Add("PUT is not allowed", "PUT", $"{Users}/1", Json, """{"name":"x"}""", 405, "METHOD_NOT_ALLOWED");
        return cases;
    }

    [Fact]
    public void The_table_has_at_least_60_bad_requests() => Assert.True(Cases().Count >= 60, $"only {Cases().Count}");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_bad_request_gets_its_4xx_and_the_error_shape(BadRequest bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
        if (bad.Body is not null)
        {
            request.Content = Support.Json.Raw(bad.Body, bad.ContentType);
        }

        foreach (var (name, value) in bad.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _client.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
        await response.HasErrorAsync((HttpStatusCode)bad.Status, bad.Code);
        using var alive = await _client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    private static string Unique() => $"u{Guid.NewGuid():N}@example.com";

    /// <summary>One row of the table; <see cref="ToString"/> names it in test output.</summary>
    public sealed record BadRequest(
        string Name,
        string Method,
        string Path,
        string? ContentType,
        byte[]? Body,
        int Status,
        string Code,
        IReadOnlyList<(string Name, string Value)> Headers)
    {
        public override string ToString() => Name;
    }
}
