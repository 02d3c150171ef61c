using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shop.Grains.Users.SignIn;

/// <summary>
/// Issue, rotate and revoke refresh tokens over a user's session records; pure, so it is unit-tested.
/// </summary>
/// <remarks>
/// A token reads <c>{userId}.{family}.{generation}.{secret}</c>. Each refresh replaces its family's record by the next
/// generation's, so the records stay at one per session (at most <see cref="SignInPolicyOptions.MaxSessions"/>) and the
/// user's row does not grow with refreshes. A token of an older generation of a live family is a spent token presented
/// again: the family is revoked, as it was when spent tokens were kept one by one. The family id is random and appears
/// only inside the user's own tokens, so naming one without holding a token of it is not a way to revoke a session.
/// </remarks>
public static class RefreshTokenLedger
{
    public enum RotationOutcome
    {
        Rotated,
        Unknown,
        Expired,
        ReuseDetected,
    }

    /// <summary>What presenting a token did: the records to store, and for a rotation the family and its next generation.</summary>
    public readonly record struct Spending(ImmutableArray<RefreshTokenRecord> Records, RotationOutcome Outcome, Guid Family, int NextGeneration);

    /// <summary>Starts a session (a new family) or continues one at <paramref name="generation"/>, replacing its record.</summary>
    public static (ImmutableArray<RefreshTokenRecord> Records, string Token) Issue(
        ImmutableArray<RefreshTokenRecord> records, long userId, Guid family, int generation, DateTimeOffset now, SignInPolicyOptions options)
    {
        var token = string.Create(
            CultureInfo.InvariantCulture, $"{userId}.{family:N}.{generation}.{Base64Url(RandomNumberGenerator.GetBytes(32))}");
        var live = records.Where(r => r.ExpiresAt > now && r.Family != family).ToList();
        var families = live.GroupBy(r => r.Family).OrderBy(g => g.Max(r => r.ExpiresAt)).Select(g => g.Key).ToList();
        // Too many sessions: forget the least recently used families.
        foreach (var old in families.Take(Math.Max(0, families.Count - options.MaxSessions + 1)))
        {
            live.RemoveAll(r => r.Family == old);
        }

        live.Add(new RefreshTokenRecord
        {
            Hash = Hash(token), Family = family, Generation = generation, ExpiresAt = now + options.RefreshTokenLifetime,
        });
        return ([.. live], token);
    }

    public static Spending Spend(ImmutableArray<RefreshTokenRecord> records, string token, DateTimeOffset now)
    {
        var record = Find(records, token);
        if (record is null)
        {
            return IsOlderGeneration(records, token, out var family)
                ? new(Revoke(records, family), RotationOutcome.ReuseDetected, family, 0)
                : new(records, RotationOutcome.Unknown, Guid.Empty, 0);
        }

        if (record.Spent)
        {
            return new(Revoke(records, record.Family), RotationOutcome.ReuseDetected, record.Family, 0);
        }

        return record.ExpiresAt <= now
            ? new(records.Remove(record), RotationOutcome.Expired, record.Family, 0)
            : new(records, RotationOutcome.Rotated, record.Family, record.Generation + 1);
    }

    /// <summary>Revokes the token's family (sign-out), for its current token or an older one of the family.</summary>
    public static ImmutableArray<RefreshTokenRecord> RevokeByToken(ImmutableArray<RefreshTokenRecord> records, string token)
    {
        if (Find(records, token) is { } record)
        {
            return Revoke(records, record.Family);
        }

        return IsOlderGeneration(records, token, out var family) ? Revoke(records, family) : records;
    }

    private static RefreshTokenRecord? Find(ImmutableArray<RefreshTokenRecord> records, string token)
    {
        var hash = Encoding.ASCII.GetBytes(Hash(token));
        return records.FirstOrDefault(r => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(r.Hash), hash));
    }

    private static bool IsOlderGeneration(ImmutableArray<RefreshTokenRecord> records, string token, out Guid family)
    {
        var parts = token.Split('.');
        family = Guid.Empty;
        if (parts.Length != 4
            || !Guid.TryParseExact(parts[1], "N", out var named)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
        {
            return false;
        }

        family = named;
        return records.Any(r => r.Family == named && r.Generation > generation);
    }

    private static ImmutableArray<RefreshTokenRecord> Revoke(ImmutableArray<RefreshTokenRecord> records, Guid family) =>
        records.RemoveAll(r => r.Family == family);

    // Refresh tokens carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
