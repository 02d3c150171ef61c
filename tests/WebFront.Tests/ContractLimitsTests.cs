using System.ComponentModel.DataAnnotations;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Orders;
using Shop.Grains.Interfaces.Users;
using Shop.Grains.Orders;
using Shop.Grains.Users;
using Shop.WebFront.Endpoints.Contracts;

namespace Shop.WebFront.Tests;

/// <summary>
/// The contract's validation attributes and the grains' rules take their bounds from one place: a value just past a
/// bound is refused by both, with the same message, and a value on the bound by neither.
/// </summary>
public sealed class ContractLimitsTests
{
    [Fact]
    public void An_order_line_past_each_bound_is_refused_by_the_contract_with_the_rules_own_messages()
    {
        var line = new OrderLine
        {
            Sku = new string('A', OrderLimits.MaxSkuLength + 1),
            Quantity = OrderLimits.MaxQuantity + 1,
            UnitPrice = OrderLimits.MaxUnitPrice + 0.01m,
        };

        AssertRefusedAlike(
            ContractErrors(line),
            RuleErrors(new PlaceOrder { UserId = 1, Currency = "EUR", Items = [line.ToItem()] }),
            ("Sku", "items[0].sku", "must be at most 64 characters"),
            ("Quantity", "items[0].quantity", "must be between 1 and 10000"),
            ("UnitPrice", "items[0].unit_price", "must be between 0 and 1000000"));
    }

    [Fact]
    public void An_order_line_on_each_bound_passes_the_contract_and_the_rules()
    {
        var line = new OrderLine
        {
            Sku = new string('A', OrderLimits.MaxSkuLength),
            Quantity = OrderLimits.MaxQuantity,
            UnitPrice = OrderLimits.MaxUnitPrice,
        };

        Assert.Empty(ContractErrors(line));
        OrderRules.Validate(new PlaceOrder { UserId = 1, Currency = "EUR", Items = [line.ToItem()] });
    }

    [Fact]
    public void An_order_with_one_item_too_many_is_refused_by_both_alike()
    {
        var line = new OrderLine { Sku = "A", Quantity = 1, UnitPrice = 1m };
        var order = new OrderCreate { Items = [.. Enumerable.Repeat(line, OrderLimits.MaxItems + 1)], Currency = "EUR" };

        var contract = ContractErrors(order);

        Assert.Equal("must contain at most 100 items", contract["Items"]);
        Assert.Equal(contract["Items"], RuleErrors(order.ToCommand(1))["items"]);
    }

    [Fact]
    public void A_user_past_each_bound_is_refused_by_the_contract_with_the_rules_own_messages()
    {
        var user = new UserCreate
        {
            Email = new string('a', 64) + "@" + new string('b', UserLimits.EmailMaxLength - 64) + ".co",
            Password = new string('p', UserLimits.PasswordMaxLength + 1),
            Name = new string('n', UserLimits.NameMaxLength + 1),
        };

        AssertRefusedAlike(
            ContractErrors(user),
            RuleErrors(user),
            ("Email", "email", "must be at most 254 characters"),
            ("Password", "password", "must be at most 256 characters"),
            ("Name", "name", "must be at most 200 characters"));
    }

    [Fact]
    public void A_password_one_short_is_refused_by_both_alike_and_the_sign_in_contract_caps_the_same_fields()
    {
        var user = new UserCreate { Email = "a@b.co", Password = new string('p', UserLimits.PasswordMinLength - 1) };
        var signIn = new TokenRequest
        {
            Email = new string('a', UserLimits.EmailMaxLength + 1),
            Password = new string('p', UserLimits.PasswordMaxLength + 1),
        };

        var contract = ContractErrors(user);
        var tooLong = ContractErrors(signIn);

        Assert.Equal("must be at least 8 characters", contract["Password"]);
        Assert.Equal(contract["Password"], RuleErrors(user)["password"]);
        Assert.Equal("must be at most 254 characters", tooLong["Email"]);
        Assert.Equal("must be at most 256 characters", tooLong["Password"]);
    }

    /// <param name="expected">Each refused field: its contract property, its field in the rules' error, the message.</param>
    private static void AssertRefusedAlike(
        Dictionary<string, string> contract,
        Dictionary<string, string> rules,
        params (string Property, string Field, string Message)[] expected)
    {
        foreach (var (property, field, message) in expected)
        {
            Assert.Equal(message, contract[property]);
            Assert.Equal(message, rules[field]);
        }
    }

    private static Dictionary<string, string> ContractErrors(object model)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        return results.ToDictionary(r => Assert.Single(r.MemberNames), r => r.ErrorMessage!);
    }

    private static Dictionary<string, string> RuleErrors(PlaceOrder order) =>
        Assert.Throws<DomainException>(() => OrderRules.Validate(order)).Details.ToDictionary(d => d.Field, d => d.Message);

    private static Dictionary<string, string> RuleErrors(UserCreate user) =>
        Assert.Throws<DomainException>(() => UserRules.Validate(new CreateUser { Email = user.Email, Password = user.Password, Name = user.Name }))
            .Details.ToDictionary(d => d.Field, d => d.Message);
}
