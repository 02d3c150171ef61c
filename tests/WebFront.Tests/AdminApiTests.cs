using System.Net;
using Shop.WebFront.Tests.Fixtures;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests;

/// <summary>
/// /api/admin/dead-letters on the memory cluster, which keeps no dead letters: who may call it and what input it
/// refuses before asking the cluster. Listing and re-driving real dead letters (and a 404 for one already re-driven)
/// is tested over HTTP on PostgreSQL in Email.Tests (<c>DeadLetterApiTests</c>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AdminApiTests(ApiFixture api)
{
    private const string DeadLetters = "/api/admin/dead-letters";

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
    public async Task A_malformed_id_or_limit_is_400()
    {
        using var client = api.CreateOperatorClient();

        using var malformed = await client.PostAsync(new Uri($"{DeadLetters}/not-a-uuid/redrive", UriKind.Relative), null);
        using var badLimit = await client.GetAsync(new Uri($"{DeadLetters}?limit=0", UriKind.Relative));

        await malformed.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await badLimit.HasErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }
}
