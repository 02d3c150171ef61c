using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Idempotency;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Users;

namespace Shop.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class UserGrainTests(ClusterFixture fixture)
{
    private IUserDirectoryGrain Directory => fixture.Client.GetGrain<IUserDirectoryGrain>(0);

    private static string UniqueEmail() => $"user-{Guid.NewGuid():N}@example.com";

    private static CreateUser NewUser(string? email = null) =>
        new() { Email = email ?? UniqueEmail(), Password = "correct horse", Name = "Ada" };

    [Fact]
    public async Task A_created_user_can_be_read_back_by_id_and_by_email()
    {
        var email = UniqueEmail();
        var created = await Directory.CreateUserAsync(NewUser("  " + email.ToUpperInvariant() + " "));

        Assert.True(created.Id > 0);
        Assert.Equal(email.ToUpperInvariant(), created.Email);
        Assert.Equal("Ada", created.Name);
        Assert.Equal(1, created.Version);
        Assert.Equal(created, await fixture.Client.GetGrain<IUserGrain>(created.Id).GetAsync());
        Assert.Equal(created, await Directory.FindByEmailAsync(email));
    }

    [Fact]
    public async Task Unknown_users_are_null_and_cannot_be_changed()
    {
        var ghost = fixture.Client.GetGrain<IUserGrain>(long.MaxValue - 7);
        Assert.Null(await ghost.GetAsync());
        Assert.Null(await Directory.FindByEmailAsync(UniqueEmail()));
        var error = await Assert.ThrowsAsync<DomainException>(() => ghost.UpdateAsync(new UpdateUser { Name = "x" }));
        Assert.Equal(DomainErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task Twenty_concurrent_sign_ups_with_one_email_make_exactly_one_user()
    {
        var email = UniqueEmail();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                return (User: await Directory.CreateUserAsync(NewUser(i % 2 == 0 ? email : email.ToUpperInvariant())), Error: (DomainException?)null);
            }
            catch (DomainException error)
            {
                return (User: (UserView?)null, Error: error);
            }
        }));

        Assert.Single(attempts, a => a.User is not null);
        Assert.All(attempts.Where(a => a.User is null), a => Assert.Equal(DomainErrorCode.EmailTaken, a.Error!.Code));
    }

    [Fact]
    public async Task Changing_the_email_frees_the_old_one()
    {
        var oldEmail = UniqueEmail();
        var user = await Directory.CreateUserAsync(NewUser(oldEmail));
        var newEmail = UniqueEmail();

        var updated = await fixture.Client.GetGrain<IUserGrain>(user.Id).UpdateAsync(new UpdateUser { Email = newEmail });

        Assert.Equal(newEmail, updated.Email);
        Assert.Equal(2, updated.Version);
        Assert.Null(await Directory.FindByEmailAsync(oldEmail));
        Assert.Equal(user.Id, (await Directory.FindByEmailAsync(newEmail))!.Id);
        var other = await Directory.CreateUserAsync(NewUser(oldEmail));
        Assert.NotEqual(user.Id, other.Id);
    }

    [Fact]
    public async Task Taking_someone_elses_email_is_refused()
    {
        var first = await Directory.CreateUserAsync(NewUser());
        var second = await Directory.CreateUserAsync(NewUser());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Client.GetGrain<IUserGrain>(second.Id).UpdateAsync(new UpdateUser { Email = first.Email.ToUpperInvariant() }));

        Assert.Equal(DomainErrorCode.EmailTaken, error.Code);
        Assert.Equal(second.Email, (await fixture.Client.GetGrain<IUserGrain>(second.Id).GetAsync())!.Email);
    }

    [Fact]
    public async Task A_repeat_of_a_keyed_sign_up_is_told_its_key_is_held_and_another_request_that_the_address_is_taken()
    {
        var email = UniqueEmail();
        var ticket = new IdempotencyTicket { Key = $"users:{Guid.NewGuid():N}", Fingerprint = "first" };
        var first = await Directory.CreateUserAsync(NewUser(email) with { Idempotency = ticket });

        var repeat = await Assert.ThrowsAsync<DomainException>(() => Directory.CreateUserAsync(NewUser(email) with { Idempotency = ticket }));
        var otherRequest = await Assert.ThrowsAsync<DomainException>(
            () => Directory.CreateUserAsync(NewUser(email) with { Idempotency = ticket with { Key = $"users:{Guid.NewGuid():N}" } }));

        Assert.Equal(DomainErrorCode.IdempotencyKeyHeld, repeat.Code);
        Assert.Equal(DomainErrorCode.EmailTaken, otherRequest.Code);
        var recalled = await fixture.Client.GetGrain<IIdempotencyGrain>(ticket.Key).RecallAsync("first");
        Assert.Equal(first.Id, recalled.ResourceId);
    }

    [Fact]
    public async Task Passwords_are_verified_but_never_returned()
    {
        var user = await Directory.CreateUserAsync(NewUser());
        var grain = fixture.Client.GetGrain<IUserGrain>(user.Id);
        var credentials = fixture.Client.GetGrain<IUserCredentialsGrain>(user.Id);

        Assert.True(await credentials.VerifyPasswordAsync("correct horse"));
        Assert.False(await credentials.VerifyPasswordAsync("wrong horse"));

        await grain.UpdateAsync(new UpdateUser { Password = "battery staple" });
        Assert.False(await credentials.VerifyPasswordAsync("correct horse"));
        Assert.True(await credentials.VerifyPasswordAsync("battery staple"));
        Assert.DoesNotContain(typeof(UserView).GetProperties(), p => p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_precondition_failed()
    {
        var user = await Directory.CreateUserAsync(NewUser());
        var grain = fixture.Client.GetGrain<IUserGrain>(user.Id);
        await grain.UpdateAsync(new UpdateUser { Name = "Grace", ExpectedVersion = 1 });

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.UpdateAsync(new UpdateUser { Name = "Again", ExpectedVersion = 1 }));
        Assert.Equal(DomainErrorCode.PreconditionFailed, error.Code);
        Assert.Equal("Grace", (await grain.GetAsync())!.Name);
    }

    [Fact]
    public async Task An_update_with_the_values_the_user_has_writes_nothing_and_keeps_the_version()
    {
        var user = await Directory.CreateUserAsync(NewUser());
        var grain = fixture.Client.GetGrain<IUserGrain>(user.Id);

        var unchanged = await grain.UpdateAsync(new UpdateUser { Name = user.Name, Email = " " + user.Email, ExpectedVersion = 1 });

        Assert.Equal(user, unchanged);
        Assert.Equal(user, await grain.GetAsync());
        var changed = await grain.UpdateAsync(new UpdateUser { Email = user.Email.ToUpperInvariant() });
        Assert.Equal(2, changed.Version);
    }

    [Fact]
    public async Task Invalid_sign_ups_report_every_field_and_create_nothing()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Directory.CreateUserAsync(new CreateUser { Email = "not-an-email", Password = "short" }));
        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Equal(["email", "password"], error.Details.Select(d => d.Field).Order().ToArray());
    }

    [Fact]
    public async Task Deleting_a_user_frees_the_email_and_forgets_the_user()
    {
        var user = await Directory.CreateUserAsync(NewUser());
        var grain = fixture.Client.GetGrain<IUserGrain>(user.Id);

        await grain.DeleteAsync(expectedVersion: null);

        Assert.Null(await grain.GetAsync());
        Assert.Null(await Directory.FindByEmailAsync(user.Email));
        Assert.Equal(DomainErrorCode.NotFound, (await Assert.ThrowsAsync<DomainException>(() => grain.DeleteAsync(null))).Code);
        await Directory.CreateUserAsync(NewUser(user.Email));
    }

    [Fact]
    public async Task Ids_never_repeat_under_concurrent_creates()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => Directory.CreateUserAsync(NewUser())));
        Assert.Equal(users.Length, users.Select(u => u.Id).Distinct().Count());
    }
}
