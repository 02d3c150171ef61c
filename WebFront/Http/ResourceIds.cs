using System.Globalization;
using Shop.WebFront.Http.Errors;

namespace Shop.WebFront.Http;

/// <summary>Ids in paths are positive 64-bit integers; anything else (abc, -1, 2^64) is a 400, not a 404.</summary>
public static class ResourceIds
{
    public static long Parse(string? value, string field = "id")
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        throw new ApiErrorException(ApiErrors.Validation(field, "must be a positive 64-bit integer"));
    }
}
