using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shop.Grains.Interfaces.Errors;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Http.Binding;

/// <summary>
/// Reads the fields of one JSON object (or form) by name and type, collecting every problem instead of stopping
/// at the first, so a client learns all of them at once. Field names in problems are paths: <c>items[1].quantity</c>.
/// </summary>
/// <remarks>
/// This checks shape only: presence, types, and the constraints the OpenAPI document declares (through
/// <see cref="Checked{T}"/>). The grains hold the domain rules and check again.
/// </remarks>
internal sealed class BodyFields
{
    private readonly JsonObject _object;
    private readonly bool _valuesAreText;
    private readonly string _prefix;
    private readonly List<FieldError> _errors;
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);

    private BodyFields(JsonObject obj, bool valuesAreText, string prefix, List<FieldError> errors)
    {
        _object = obj;
        _valuesAreText = valuesAreText;
        _prefix = prefix;
        _errors = errors;
    }

    /// <param name="valuesAreText">True for forms, whose numbers arrive as text.</param>
    public static BodyFields Root(JsonObject obj, bool valuesAreText) => new(obj, valuesAreText, string.Empty, []);

    public string? String(string name, bool required = false)
    {
        if (Value(name, required) is not { } value)
        {
            return null;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            return Fail<string>(name, "must be a string");
        }

        string text;
        try
        {
            text = value.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            return Fail<string>(name, "must be valid Unicode text");
        }

        return IsWellFormed(text) ? text : Fail<string>(name, "must be valid Unicode text");
    }

    public long? Int64(string name, bool required = false) =>
        Number(name, required, "must be an integer", static (JsonValue v, out long n) => v.TryGetValue(out n), static (string s, out long n) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n));

    public int? Int32(string name, bool required = false) =>
        Number(name, required, "must be an integer (32-bit)", static (JsonValue v, out int n) => v.TryGetValue(out n), static (string s, out int n) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out n));

    public decimal? Decimal(string name, bool required = false)
    {
        if (Value(name, required) is not { } value)
        {
            return null;
        }

        var kind = value.GetValueKind();
        if (kind != JsonValueKind.Number && !(_valuesAreText && kind == JsonValueKind.String))
        {
            return FailNumber<decimal>(name, "must be a number");
        }

        var text = kind == JsonValueKind.String ? value.GetValue<string>().Trim() : value.ToJsonString();
        return ExactDecimal.TryParse(text, out var number) switch
        {
            ExactDecimal.Outcome.Exact => number,
            ExactDecimal.Outcome.Rounded => FailNumber<decimal>(name, "must be exact to at most 28 decimal places"),
            _ => FailNumber<decimal>(name, "must be a number"),
        };
    }

    /// <summary>An array of objects, each read by <paramref name="read"/>.</summary>
    public IReadOnlyList<T>? Objects<T>(string name, Func<BodyFields, T> read, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!_object.TryGetPropertyValue(name, out var node) || node is null)
        {
            return required ? Fail<IReadOnlyList<T>>(name, "is required") : null;
        }

        if (node is not JsonArray array)
        {
            return Fail<IReadOnlyList<T>>(name, "must be an array");
        }

        var items = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{_prefix}{name}[{i}]";
            if (array[i] is not JsonObject element)
            {
                _errors.Add(new FieldError(path, "must be an object"));
                _failed.Add(name);
                continue;
            }

            items.Add(read(new BodyFields(element, _valuesAreText, path + ".", _errors)));
        }

        return items;
    }

    /// <summary>
    /// Checks <paramref name="model"/> against its data annotations (the constraints the OpenAPI document shows),
    /// skipping fields that already failed to read.
    /// </summary>
    public T Checked<T>(T model)
        where T : notnull
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(member);
                if (_failed.Add(name))
                {
                    _errors.Add(new FieldError(_prefix + name, result.ErrorMessage ?? "is invalid"));
                }
            }
        }

        return model;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ApiErrorException(ApiErrors.Validation(_errors.ToArray()));
        }
    }

    /// <summary>JSON escapes can spell half a surrogate pair (<c>\ud800</c>), which no store or client can round-trip.</summary>
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private delegate bool TryRead<TValue, TNumber>(TValue value, out TNumber number);

    private TNumber? Number<TNumber>(
        string name,
        bool required,
        string problem,
        TryRead<JsonValue, TNumber> fromJson,
        TryRead<string, TNumber> fromText)
        where TNumber : struct
    {
        if (Value(name, required) is not { } value)
        {
            return null;
        }

        var kind = value.GetValueKind();
        if (_valuesAreText && kind == JsonValueKind.String)
        {
            return fromText(value.GetValue<string>().Trim(), out var parsed) ? parsed : FailNumber<TNumber>(name, problem);
        }

        return kind == JsonValueKind.Number && fromJson(value, out var number) ? number : FailNumber<TNumber>(name, problem);
    }

    private JsonValue? Value(string name, bool required)
    {
        if (!_object.TryGetPropertyValue(name, out var node) || node is null)
        {
            // JSON null means "not given", as for an absent member.
            return required ? Fail<JsonValue>(name, "is required") : null;
        }

        if (node is JsonValue value)
        {
            return value;
        }

        return Fail<JsonValue>(name, node is JsonArray ? "must be a single value, not an array" : "must be a single value, not an object");
    }

    private TResult? Fail<TResult>(string name, string problem)
        where TResult : class
    {
        Record(name, problem);
        return null;
    }

    private TNumber? FailNumber<TNumber>(string name, string problem)
        where TNumber : struct
    {
        Record(name, problem);
        return null;
    }

    private void Record(string name, string problem)
    {
        if (_failed.Add(name))
        {
            _errors.Add(new FieldError(_prefix + name, problem));
        }
    }
}
