using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>
/// <see cref="MaxLengthAttribute"/> counted in Unicode code points, as JSON Schema counts the maxLength the OpenAPI
/// document shows from it (and as the user grain counts passwords): an emoji is one character, not two UTF-16 units.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MaxCodePointsAttribute(int length) : MaxLengthAttribute(length)
{
    public override bool IsValid(object? value) => value is not string text || text.EnumerateRunes().Count() <= Length;
}
