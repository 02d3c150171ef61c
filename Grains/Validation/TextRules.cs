using System.Buffers;
using System.Globalization;
using System.Text;

namespace Shop.Grains.Validation;

/// <summary>Checks shared by every free-text field.</summary>
public static class TextRules
{
    private const int ZeroWidthNonJoiner = 0x200C;
    private const int ZeroWidthJoiner = 0x200D;

    public static bool HasControlCharacters(string value) => value.Any(char.IsControl);

    /// <summary>
    /// Why <paramref name="value"/> is not plain text for a name or an identifier, or null when it is. Refused:
    /// controls, formatting characters (bidi overrides such as U+202E, the BOM U+FEFF, tag characters U+E0000..U+E007F),
    /// private-use, unassigned and non-characters (U+FFFF), lone surrogates, line and paragraph separators: none of
    /// them shows as text, and each can make one string look like another or reorder what a reader sees.
    /// </summary>
    /// <param name="allowJoiners">
    /// Lets the zero-width joiner and non-joiner (U+200D, U+200C) through: Persian, Hindi and emoji sequences need them
    /// in people's names; identifiers (SKUs) do without them.
    /// </param>
    public static string? PlainTextProblem(string value, bool allowJoiners) =>
        FirstRefused(value, rune => IsPlain(rune) || (allowJoiners && rune.Value is ZeroWidthJoiner or ZeroWidthNonJoiner)) is { } bad
            ? bad == -1 ? "must be valid Unicode text" : $"must not contain U+{bad:X4} ({Describe(bad)})"
            : null;

    /// <summary>Length in Unicode scalar values (code points), as JSON Schema's minLength and maxLength count.</summary>
    public static int ScalarCount(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool IsPlain(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };

    private static string Describe(int value) => Rune.GetUnicodeCategory(new Rune(value)) switch
    {
        UnicodeCategory.Control => "a control character",
        UnicodeCategory.Format => "a formatting character",
        UnicodeCategory.PrivateUse => "a private-use character",
        UnicodeCategory.OtherNotAssigned => "an unassigned code point or non-character",
        _ => "a line or paragraph separator",
    };

    /// <returns>The first code point <paramref name="isAllowed"/> refuses, -1 for a lone surrogate, null if none.</returns>
    private static int? FirstRefused(string value, Func<Rune, bool> isAllowed)
    {
        ArgumentNullException.ThrowIfNull(value);
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return -1;
            }

            if (!isAllowed(rune))
            {
                return rune.Value;
            }

            rest = rest[used..];
        }

        return null;
    }
}
