using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Users;

namespace Shop.Domain.Tests;

public sealed class UserRulesTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("  Ada.Lovelace+shop@Example.COM ")]
    [InlineData("a@b")]
    public void Valid_addresses_pass(string email) => Assert.Null(EmailAddress.Problem(email));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada@exa\u0000mple.com")]
    public void Invalid_addresses_are_refused(string email) => Assert.NotNull(EmailAddress.Problem(email));

    [Fact]
    public void Addresses_longer_than_254_characters_are_refused() =>
        Assert.NotNull(EmailAddress.Problem(new string('a', 250) + "@x.io"));

    [Fact]
    public void Addresses_compare_case_insensitively_after_trimming()
    {
        Assert.True(EmailAddress.SameAddress(" Ada@Example.com", "ada@example.COM  "));
        Assert.False(EmailAddress.SameAddress("ada@example.com", "ada2@example.com"));
    }

    [Fact]
    public void A_short_password_and_a_bad_email_are_both_reported()
    {
        var error = Assert.Throws<DomainException>(() =>
            UserRules.Validate(new CreateUser { Email = "nope", Password = "short" }));
        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Equal(["email", "password"], error.Details.Select(d => d.Field).Order().ToArray());
    }

    [Fact]
    public void An_update_checks_only_what_it_changes()
    {
        UserRules.Validate(new UpdateUser { Name = "Ada" });
        var error = Assert.Throws<DomainException>(() => UserRules.Validate(new UpdateUser { Password = "1234567" }));
        Assert.Equal("password", Assert.Single(error.Details).Field);
    }

    [Fact]
    public void Names_are_bounded_and_free_of_control_characters()
    {
        Assert.Throws<DomainException>(() => UserRules.Validate(new UpdateUser { Name = new string('n', 201) }));
        Assert.Throws<DomainException>(() => UserRules.Validate(new UpdateUser { Name = "Ada\u0007" }));
    }

    [Fact]
    public void A_create_request_never_prints_its_password() =>
        Assert.DoesNotContain("s3cret-password", new CreateUser { Email = "a@b.c", Password = "s3cret-password" }.ToString(), StringComparison.Ordinal);
}
