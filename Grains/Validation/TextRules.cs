namespace Shop.Grains.Validation;

/// <summary>Checks shared by every free-text field.</summary>
public static class TextRules
{
    public static bool HasControlCharacters(string value) => value.Any(char.IsControl);
}
