using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shop.Grains.Users.SignIn;

/// <summary>Issue, rotate and revoke refresh tokens over a user's list of token records; pure, so it is unit-tested.</summary>
public static class RefreshTokenLedger
{
    public enum RotationOutcome
    {
        Rotated,
        Unknown,
        Expired,
        ReuseDetected,
    }

    public static (ImmutableArray<RefreshTokenRecord> Records, string Token) Issue(
        ImmutableArray<RefreshTokenRecord> records, long userId, Guid family, DateTimeOffset now, SignInPolicyOptions options)
    {
        var token = string.Create(CultureInfo.InvariantCulture, $"{userId}.{Base64Url(RandomNumberGenerator.GetBytes(32))}");
        var live = records.Where(r => r.ExpiresAt > now).ToList();
        var families = live.GroupBy(r => r.Family).OrderBy(g => g.Max(r => r.ExpiresAt)).Select(g => g.Key).ToList();
        if (!families.Contains(family))
        {
            // Too many sessions: forget the least recently used family.
            foreach (var old in families.Take(Math.Max(0, families.Count - options.MaxSessions + 1)))
            {
                live.RemoveAll(r => r.Family == old);
            }
        }

        live.Add(new RefreshTokenRecord { Hash = Hash(token), Family = family, ExpiresAt = now + options.RefreshTokenLifetime });
        return ([.. live], token);
    }

    public static (ImmutableArray<RefreshTokenRecord> Records, RotationOutcome Outcome, Guid Family) Spend(
        ImmutableArray<RefreshTokenRecord> records, string token, DateTimeOffset now)
    {
        var hash = Hash(token);
        var record = records.FirstOrDefault(r => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(r.Hash), Encoding.ASCII.GetBytes(hash)));
        if (record is null)
        {
            return (records, RotationOutcome.Unknown, Guid.Empty);
        }

        if (record.Spent)
        {
            return (Revoke(records, record.Family), RotationOutcome.ReuseDetected, record.Family);
        }

        if (record.ExpiresAt <= now)
        {
            return (records.Remove(record), RotationOutcome.Expired, record.Family);
        }

        return (records.Replace(record, record with { Spent = true }), RotationOutcome.Rotated, record.Family);
    }

    public static ImmutableArray<RefreshTokenRecord> RevokeByToken(ImmutableArray<RefreshTokenRecord> records, string token)
    {
        var hash = Hash(token);
        var record = records.FirstOrDefault(r => r.Hash == hash);
        return record is null ? records : Revoke(records, record.Family);
    }

    private static ImmutableArray<RefreshTokenRecord> Revoke(ImmutableArray<RefreshTokenRecord> records, Guid family) =>
        records.RemoveAll(r => r.Family == family);

    // Refresh tokens carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
