using Shop.Grains.Interfaces.Users;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Shop.WebFront.Http;
using Shop.WebFront.Http.Security;

namespace Shop.WebFront.Auth;

/// <summary>
/// Every HTTP Basic header that is not already known to be good costs a password check, so it is a guess like a
/// <c>POST /api/auth/token</c>: it is counted under <c>Auth:RateLimit</c> per client IP and per account, each in its
/// own fixed window. A header verified earlier (<see cref="VerifiedBasicCredentials"/>) is not a guess and is never
/// counted, so the dashboard's polling of a signed-in operator does not run into the limit.
/// </summary>
public sealed class BasicGuessLimiter : IDisposable
{
    /// <summary>Set on the request when a guess was refused; read by <see cref="ThrottledCredentialsResultHandler"/>.</summary>
    public const string RefusedItem = "shop.basic-guess-refused";

    private readonly AuthRateLimitOptions _settings;
    private readonly PartitionedRateLimiter<Guess> _limiter;

    public BasicGuessLimiter(IOptions<AuthRateLimitOptions> options)
    {
        _settings = options.Value;
        // Chained: a guess needs a permit from both the client's window and the account's. The account's window stops
        // a botnet spreading guesses at one operator over many addresses; its cost for that operator is at most one
        // window of waiting, never the lockout the grains would impose.
        _limiter = PartitionedRateLimiter.CreateChained(Window(guess => guess.Client), Window(guess => guess.Account));
    }

    /// <summary>Takes one guess for this client and account, or says how long until the next is allowed.</summary>
    public bool TryTake(HttpContext http, string email, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_settings.Enabled)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(new Guess(ClientRateLimiter.ClientKey(http), EmailKeys.Of(email)));
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _settings.Window;
        return false;
    }

    public void Dispose() => _limiter.Dispose();

    private PartitionedRateLimiter<Guess> Window(Func<Guess, string> partition) =>
        PartitionedRateLimiter.Create<Guess, string>(guess =>
            CountdownWindowLimiter.Partition(partition(guess), _settings.PermitLimit, _settings.Window));

    private readonly record struct Guess(string Client, string Account);
}
