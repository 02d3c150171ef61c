using System.Collections.Frozen;

namespace Shop.Grains.Orders;

/// <summary>
/// The active ISO 4217 currencies (list one) and their minor units: how many decimal places an amount in each may have.
/// Codes without a minor unit (gold XAU, special drawing rights XDR, the testing code XTS, "no currency" XXX...) are left
/// out: nothing is sold for them. Withdrawn codes (HRK, SLL, ZWL, ANG, BGN...) are left out as well; the table follows
/// ISO's amendments by hand, since .NET carries no such list (its regional formats are CLDR's, not ISO's).
/// </summary>
public static class Currencies
{
    private static readonly FrozenDictionary<string, int> MinorUnits = Build(
        (0, "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"),
        (2, "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW "
            + "CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF "
            + "IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK "
            + "MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP "
            + "SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER "
            + "ZAR ZMW ZWG"),
        (3, "BHD IQD JOD KWD LYD OMR TND"),
        (4, "CLF UYW"));

    /// <summary>A code as ISO writes it: callers may send <c> eur </c>, the order stores and reports <c>EUR</c>.</summary>
    public static string? Normalize(string? code) => code?.Trim().ToUpperInvariant();

    /// <summary>The minor unit of <paramref name="code"/> (upper case, as ISO writes it), or null when it is not an active code.</summary>
    public static int? MinorUnit(string code) => MinorUnits.TryGetValue(code, out var digits) ? digits : null;

    private static FrozenDictionary<string, int> Build(params (int Digits, string Codes)[] groups) =>
        groups
            .SelectMany(g => g.Codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(code => KeyValuePair.Create(code, g.Digits)))
            .ToFrozenDictionary(StringComparer.Ordinal);
}
