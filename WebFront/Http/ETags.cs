using System.Globalization;
using Microsoft.Net.Http.Headers;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Http;

/// <summary>
/// Entity tags derived from the contracts' <c>Version</c> (which grows by one per change): <c>"7"</c>.
/// They are strong, so they serve <c>If-Match</c> as well as <c>If-None-Match</c>.
/// </summary>
public static class ETags
{
    public static string For(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// What <c>If-Match</c> asks for: no header or <c>*</c> → <see cref="IfMatch.Any"/>; otherwise the versions
    /// listed. A tag that is weak or not one of ours can never match (RFC 9110 §13.1.1).
    /// </summary>
    public static IfMatch ReadIfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return IfMatch.Any;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            throw new ApiErrorException(ApiErrors.Validation("If-Match", "must be * or a list of entity tags"));
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return IfMatch.Any;
        }

        var versions = tags.Where(t => !t.IsWeak).Select(TryVersion).OfType<long>().ToArray();
        return new IfMatch(versions);
    }

    /// <summary>True when <c>If-None-Match</c> names the current version (weak comparison), so 304 applies.</summary>
    public static bool NoneMatchHits(HttpRequest request, long version)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || TryVersion(t) == version);
    }

    private static long? TryVersion(EntityTagHeaderValue tag) =>
        long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
}
