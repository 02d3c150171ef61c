using System.Globalization;

namespace Shop.WebFront.Http.Binding;

/// <summary>
/// Reads a number written in JSON or form text as a <see cref="decimal"/> only when the decimal holds it exactly.
/// <see cref="decimal"/> parsing rounds what it cannot hold (<c>1e-30</c> becomes 0), and a price rounded on the way in
/// is no longer the price the client sent.
/// </summary>
internal static class ExactDecimal
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public enum Outcome
    {
        Exact,
        NotANumber,
        Rounded,
    }

    public static Outcome TryParse(string text, out decimal value)
    {
        if (!decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value))
        {
            return Outcome.NotANumber;
        }

        return Canonical(text) is { } sent && sent == Canonical(value.ToString(CultureInfo.InvariantCulture)) ? Outcome.Exact : Outcome.Rounded;
    }

    /// <summary>Significant digits and the power of ten of the last one: <c>-1.50e2</c> and <c>150</c> give ("15", 1).</summary>
    /// <returns>Null for an exponent beyond <see cref="long"/>, which no decimal holds exactly.</returns>
    private static (string Digits, long Exponent)? Canonical(string text)
    {
        var unsigned = text.TrimStart('+', '-');
        var e = unsigned.IndexOfAny(['e', 'E']);
        long exponent = 0;
        if (e >= 0 && !long.TryParse(unsigned[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return null;
        }

        var mantissa = e < 0 ? unsigned : unsigned[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0)
        {
            exponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }

        var significant = mantissa.TrimStart('0');
        var digits = significant.TrimEnd('0');
        return digits.Length == 0 ? (string.Empty, 0) : (digits, exponent + significant.Length - digits.Length);
    }
}
