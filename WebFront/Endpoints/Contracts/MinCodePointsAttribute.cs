using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>
/// <see cref="MinLengthAttribute"/> counted in Unicode code points, as JSON Schema counts the minLength the OpenAPI
/// document shows from it (and as the user grain counts passwords): an emoji is one character, not two UTF-16 units.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MinCodePointsAttribute(int length) : MinLengthAttribute(length)
{
    public override bool IsValid(object? value) => value is not string text || text.EnumerateRunes().Count() >= Length;
}
