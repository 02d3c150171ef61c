using System.Globalization;

namespace Shop.Grains.Interfaces.Auth;

/// <summary>
/// A refresh token is <c>{userId}.{secret}</c>: the id routes it to the user's <see cref="IUserCredentialsGrain"/>,
/// which keeps its hash; the secret (256 random bits) is what proves possession.
/// </summary>
public static class RefreshTokenFormat
{
    public static bool TryGetUserId(string? token, out long userId)
    {
        userId = 0;
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot > 0
            && dot < token!.Length - 1
            && long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out userId)
            && userId > 0;
    }
}
