using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Http;

/// <summary>The versions an <c>If-Match</c> header accepts; <see cref="Any"/> when it sets no condition.</summary>
public sealed record IfMatch(IReadOnlyList<long>? Versions)
{
    public static IfMatch Any { get; } = new((IReadOnlyList<long>?)null);

    /// <summary>The version to hand to a grain as its expected version, or null for none.</summary>
    /// <param name="current">Reads the current version; needed only when several tags were listed.</param>
    public async Task<long?> ExpectedVersionAsync(Func<Task<long?>> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (Versions is null)
        {
            return null;
        }

        if (Versions.Count == 1)
        {
            return Versions[0];
        }

        // Grains compare against one version; with several listed, find the one that is current (if any).
        var now = await current();
        if (now is { } version && Versions.Contains(version))
        {
            return version;
        }

        throw new ApiErrorException(ApiErrors.PreconditionFailed("The resource has changed since the given entity tags."));
    }
}
