using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.WebFront.Tests.Fixtures;

namespace Shop.WebFront.Tests.Contract;

/// <summary>
/// Contract/openapi.v1.json, from which the build generates the client the scenario tests use, is exactly the document
/// WebFront serves. After changing the API, run the tests with SHOP_UPDATE_OPENAPI=1 to rewrite it, and review the diff.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiSnapshotTests(ApiFixture api)
{
    [Fact]
    public async Task The_checked_in_document_is_the_served_one()
    {
        using var client = api.CreateAnonymousClient();
        var served = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var path = DocumentPath;
        if (Environment.GetEnvironmentVariable("SHOP_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(path))!;

        Assert.True(JsonNode.DeepEquals(served, snapshot),
            "tests/WebFront.Tests/Contract/openapi.v1.json differs from the served document: run the tests with SHOP_UPDATE_OPENAPI=1 and review the diff.");
    }

    /// <summary>The checked-in document, beside this file in the source tree.</summary>
    public static string DocumentPath { get; } = Path.Combine(SourceDirectory(), "openapi.v1.json");

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetDirectoryName(file)!;
}
