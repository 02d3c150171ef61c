using System.Net;
using System.Text.Json;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>
/// /api/admin/dead-letters on the memory cluster, which keeps no dead letters: access, validation and the empty answers.
/// Listing and re-driving real dead letters is covered on PostgreSQL in Email.Tests.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AdminApiTests(ApiFixture api)
{
    private const string DeadLetters = "/api/admin/dead-letters";

    [Fact]
    public async Task An_operator_lists_dead_letters()
    {
        using var client = api.CreateOperatorClient();

        using var response = await client.GetAsync(new Uri($"{DeadLetters}?limit=10", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, body.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Dead_letters_are_for_operators_only()
    {
        using var user = api.CreateClient();
        using var anonymous = api.CreateAnonymousClient();

        using var forbidden = await user.GetAsync(new Uri(DeadLetters, UriKind.Relative));
        using var redrive = await user.PostAsync(new Uri($"{DeadLetters}/redrive", UriKind.Relative), null);
        using var unauthenticated = await anonymous.GetAsync(new Uri(DeadLetters, UriKind.Relative));

        await forbidden.HasErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
        await redrive.HasErrorAsync(HttpStatusCode.Forbidden, "FORBIDDEN");
        await unauthenticated.HasErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Re_driving_an_unknown_dead_letter_is_404_and_a_malformed_id_or_limit_400()
    {
        using var client = api.CreateOperatorClient();

        using var unknown = await client.PostAsync(new Uri($"{DeadLetters}/{Guid.NewGuid()}/redrive", UriKind.Relative), null);
        using var malformed = await client.PostAsync(new Uri($"{DeadLetters}/not-a-uuid/redrive", UriKind.Relative), null);
        using var badLimit = await client.GetAsync(new Uri($"{DeadLetters}?limit=0", UriKind.Relative));

        await unknown.HasErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await malformed.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await badLimit.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Re_driving_all_answers_how_many_went_back()
    {
        using var client = api.CreateOperatorClient();

        using var response = await client.PostAsync(new Uri($"{DeadLetters}/redrive", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, body.RootElement.GetProperty("redriven").GetInt32());
    }
}
