using Shop.WebFront.Http.Binding;

namespace Shop.WebFront.Tests;

public sealed class ExactDecimalTests
{
    [Theory]
    [InlineData("19.99", "19.99")]
    [InlineData("0.10", "0.10")]
    [InlineData("-0.0", "0")]
    [InlineData("1e6", "1000000")]
    [InlineData("1.5E+2", "150")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Numbers_a_decimal_holds_are_read_exactly(string text, string expected)
    {
        Assert.Equal(ExactDecimal.Outcome.Exact, ExactDecimal.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1e-30")]
    [InlineData("0.00000000000000000000000000001")]
    [InlineData("1.00000000000000000000000000001")]
    [InlineData("1e-99999999999999999999")]
    public void Numbers_a_decimal_would_round_are_refused(string text) =>
        Assert.Equal(ExactDecimal.Outcome.Rounded, ExactDecimal.TryParse(text, out _));

    [Theory]
    [InlineData("1e400")]
    [InlineData("free")]
    [InlineData("")]
    public void Text_that_is_no_decimal_is_not_a_number(string text) =>
        Assert.Equal(ExactDecimal.Outcome.NotANumber, ExactDecimal.TryParse(text, out _));
}
