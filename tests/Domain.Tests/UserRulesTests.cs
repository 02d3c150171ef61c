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
        Assert.NotNull(EmailAddress.Problem(new string('a', 60) + "@" + string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".io"));

    [Theory]
    [InlineData("‮ada@example.com", "ASCII local part")]
    [InlineData("ada​@example.com", "ASCII local part")]
    [InlineData("😀😀@example.com", "ASCII local part")]
    [InlineData("josé@example.com", "ASCII local part")]
    [InlineData("ada@bücher.de", "xn--")]
    [InlineData("ada@example.com﻿", "xn--")]
    [InlineData("user@[127.0.0.1]", "valid e-mail address")]
    [InlineData("user@[IPv6:::1]", "valid e-mail address")]
    [InlineData("user@-example.com", "valid e-mail address")]
    [InlineData("user@example..com", "valid e-mail address")]
    public void Addresses_outside_the_ascii_host_name_format_are_refused(string email, string says) =>
        Assert.Contains(says, EmailAddress.Problem(email), StringComparison.Ordinal);

    [Fact]
    public void The_local_part_holds_at_most_64_characters()
    {
        Assert.Null(EmailAddress.Problem(new string('a', 64) + "@example.com"));
        Assert.Contains("at most 64", EmailAddress.Problem(new string('a', 65) + "@example.com"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_254_character_address_passes_and_255_is_refused()
    {
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 63), 3)) + ".io";
        var local = new string('a', 254 - 1 - domain.Length);
        Assert.Null(EmailAddress.Problem(local + "@" + domain));
        Assert.NotNull(EmailAddress.Problem("a" + local + "@" + domain));
    }

    [Fact]
    public void Punycode_domains_pass() => Assert.Null(EmailAddress.Problem("ada@xn--bcher-kva.de"));

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

    [Theory]
    [InlineData("Ada\u202Egnp.exe", "U+202E")]
    [InlineData("\uFEFFAda", "U+FEFF")]
    [InlineData("Ada\uFFFF", "U+FFFF")]
    [InlineData("Ada\uFDD0", "U+FDD0")]
    [InlineData("Ada\uE000", "U+E000")]
    [InlineData("Ada\U000F0000", "U+F0000")]
    [InlineData("Ada\U000E0041", "U+E0041")]
    [InlineData("Ada\u00AD", "U+00AD")]
    [InlineData("Ada\u2028Lovelace", "U+2028")]
    public void Names_with_formatting_private_use_or_unassigned_characters_are_refused(string name, string says)
    {
        var error = Assert.Throws<DomainException>(() => UserRules.Validate(new UpdateUser { Name = name }));
        var detail = Assert.Single(error.Details);
        Assert.Equal("name", detail.Field);
        Assert.Contains(says, detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_with_a_lone_surrogate_are_refused() =>
        Assert.Equal("name", Assert.Single(Assert.Throws<DomainException>(() => UserRules.Validate(new UpdateUser { Name = "Ada" + (char)0xD800 })).Details).Field);

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("\u0645\u06CC\u200C\u0634\u0648\u062F")]
    [InlineData("\U0001F469\u200D\U0001F4BB Ada")]
    [InlineData("Zo\u00EB \u674E")]
    public void Names_in_any_script_with_the_joiners_they_need_pass(string name) => UserRules.Validate(new UpdateUser { Name = name });

    [Theory]
    [InlineData("\U0001F600\U0001F600\U0001F600\U0001F600")]
    [InlineData("e\u0301e\u0301e\u0301")]
    [InlineData("\u6F22\u5B57\u6F22\u5B57\u6F22\u5B57\u6F22")]
    public void Passwords_under_8_characters_are_refused_however_many_utf16_units_they_take(string password)
    {
        var error = Assert.Throws<DomainException>(() => UserRules.Validate(new UpdateUser { Password = password }));
        Assert.Contains("at least 8", Assert.Single(error.Details).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eight_emoji_are_a_long_enough_password() =>
        UserRules.Validate(new UpdateUser { Password = string.Concat(Enumerable.Repeat("\U0001F600", 8)) });

    [Theory]
    [InlineData("\0\0\0\0\0\0\0\0")]
    [InlineData("correct\0horse")]
    [InlineData("correct\u001Bhorse")]
    [InlineData("correct\u0085horse")]
    public void Passwords_with_control_characters_are_refused(string password)
    {
        var error = Assert.Throws<DomainException>(() => UserRules.Validate(new UpdateUser { Password = password }));
        Assert.Equal("password", Assert.Single(error.Details).Field);
    }

    [Fact]
    public void A_create_request_never_prints_its_password() =>
        Assert.DoesNotContain("s3cret-password", new CreateUser { Email = "a@b.c", Password = "s3cret-password" }.ToString(), StringComparison.Ordinal);
}
