using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using Shop.Grains.Interfaces.Errors;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Http.Binding;

/// <summary>
/// Turns form fields with bracketed names (<c>items[0][sku]=A&amp;items[0][quantity]=2</c>) into the JSON tree the
/// same request would have had as JSON, as the seed's <c>qs</c>-based <c>urlencoded({extended: true})</c> did.
/// Values stay strings; <see cref="BodyFields"/> parses them.
/// </summary>
internal static class FormFields
{
    private const int MaxDepth = 5;

    public static JsonObject ToJson(IReadOnlyDictionary<string, StringValues> pairs)
    {
        var root = new SortedDictionary<string, object>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        foreach (var (key, values) in pairs)
        {
            if (!TrySplit(key, out var path))
            {
                errors.Add(new FieldError(key, "is not a valid field name"));
                continue;
            }

            if (!TryPlace(root, path, values))
            {
                errors.Add(new FieldError(key, "conflicts with another field of the same name"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ApiErrorException(ApiErrors.Validation(errors));
        }

        return (JsonObject)ToNode(root);
    }

    /// <summary><c>a[b][0]</c> → <c>["a", "b", "0"]</c>; empty or unbalanced brackets are refused.</summary>
    private static bool TrySplit(string key, out List<string> path)
    {
        path = [];
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var head = open < 0 ? key : key[..open];
        if (head.Length == 0 || head.Contains(']', StringComparison.Ordinal))
        {
            return false;
        }

        path.Add(head);
        var rest = open < 0 ? string.Empty : key[open..];
        while (rest.Length > 0)
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (rest[0] != '[' || close < 2)
            {
                return false;
            }

            var segment = rest[1..close];
            if (segment.Contains('[', StringComparison.Ordinal))
            {
                return false;
            }

            path.Add(segment);
            rest = rest[(close + 1)..];
        }

        return path.Count <= MaxDepth;
    }

    private static bool TryPlace(SortedDictionary<string, object> root, List<string> path, StringValues values)
    {
        var node = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!node.TryGetValue(path[i], out var child))
            {
                child = new SortedDictionary<string, object>(StringComparer.Ordinal);
                node[path[i]] = child;
            }

            if (child is not SortedDictionary<string, object> container)
            {
                return false;
            }

            node = container;
        }

        var leaf = path[^1];
        if (node.ContainsKey(leaf))
        {
            return false;
        }

        node[leaf] = values;
        return true;
    }

    private static JsonNode ToNode(object value) => value switch
    {
        StringValues { Count: 1 } single => JsonValue.Create(single.ToString()),
        StringValues many => new JsonArray([.. many.Select(v => (JsonNode?)JsonValue.Create(v))]),
        SortedDictionary<string, object> container when IsList(container) =>
            new JsonArray([.. container.OrderBy(p => int.Parse(p.Key, CultureInfo.InvariantCulture)).Select(p => (JsonNode?)ToNode(p.Value))]),
        SortedDictionary<string, object> container =>
            new JsonObject(container.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)ToNode(p.Value)))),
        _ => throw new InvalidOperationException("Unexpected form node."),
    };

    /// <summary>Keys 0..n-1 and nothing else make a list; anything else stays an object (and fails as "must be an array").</summary>
    private static bool IsList(SortedDictionary<string, object> container)
    {
        var index = 0;
        foreach (var key in container.Keys.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && k == i.ToString(CultureInfo.InvariantCulture) ? i : -1).Order())
        {
            if (key != index++)
            {
                return false;
            }
        }

        return container.Count > 0;
    }
}
