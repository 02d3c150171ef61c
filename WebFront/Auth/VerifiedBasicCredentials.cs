using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Users;

namespace Shop.WebFront.Auth;

/// <summary>
/// Remembers for <see cref="BasicAuthOptions.VerifiedFor"/> which Basic headers were verified, so that a dashboard
/// polling several endpoints a second does not cost a password hash verification (tens of milliseconds of silo CPU)
/// per request. Only successes are kept, under a SHA-256 of the header, never the password itself.
/// </summary>
public sealed class VerifiedBasicCredentials(IOptionsMonitor<BasicAuthOptions> options, TimeProvider clock)
{
    // Only verified headers get in, but one account can spell its e-mail in many cases; the bound keeps that harmless.
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, Entry> _verified = new(StringComparer.Ordinal);

    /// <summary>The user a still-fresh verification of <paramref name="credentials"/> found, or null.</summary>
    public UserView? Find(string credentials)
    {
        var key = Key(credentials);
        if (!_verified.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Until > clock.GetUtcNow())
        {
            return entry.User;
        }

        _verified.TryRemove(KeyValuePair.Create(key, entry));
        return null;
    }

    public void Remember(string credentials, UserView user)
    {
        var lifetime = options.CurrentValue.VerifiedFor;
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (_verified.Count >= Capacity)
        {
            foreach (var stale in _verified.Where(pair => pair.Value.Until <= now))
            {
                _verified.TryRemove(stale);
            }

            if (_verified.Count >= Capacity)
            {
                return;
            }
        }

        _verified[Key(credentials)] = new Entry(user, now + lifetime);
    }

    private static string Key(string credentials) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials)));

    private sealed record Entry(UserView User, DateTimeOffset Until);
}
