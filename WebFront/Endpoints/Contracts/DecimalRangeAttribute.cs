using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>
/// <see cref="RangeAttribute"/> over <c>decimal</c> with whole-number bounds given as constants: an attribute argument
/// cannot be a <c>decimal</c>, and the base type's string bounds would write the limit a second time.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DecimalRangeAttribute : RangeAttribute
{
    public DecimalRangeAttribute(int minimum, int maximum)
        : base(typeof(decimal), minimum.ToString(CultureInfo.InvariantCulture), maximum.ToString(CultureInfo.InvariantCulture))
    {
        ParseLimitsInInvariantCulture = true;
    }
}
