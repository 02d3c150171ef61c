using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;
using Shop.TestSupport;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// One cluster and one WebFront for a whole collection, with two signed-in accounts made once: an ordinary user (whose
/// token <see cref="CreateClient"/> sends) and an operator. Scenario tests take an <see cref="ApiHost"/>, so the same
/// cases run on memory storage (<see cref="ApiFixture"/>) and on PostgreSQL (<see cref="PostgresApiFixture"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync, which xunit calls.")]
public abstract class ApiHost : IAsyncLifetime
{
    private IClusterGateway? _gateway;
    private ShopApiFactory? _factory;

    public ShopApiFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    /// <summary>The cluster's grains, for what a test must arrange that no request can (a role, a half-done sign-up).</summary>
    public abstract IGrainFactory Grains { get; }

    /// <summary>The cluster's clock, for a test to move forward instead of waiting (it stays moved for the collection).</summary>
    public abstract ShiftableTimeProvider SiloClock { get; }

    public SignedIn User { get; private set; } = null!;

    public SignedIn Operator { get; private set; } = null!;

    /// <summary>A client signed in as <see cref="User"/>; <see cref="ShopClient.CreateUserAsync"/> switches it to the user it makes.</summary>
    public HttpClient CreateClient() => CreateAnonymousClient().As(User.AccessToken);

    public HttpClient CreateOperatorClient() => CreateAnonymousClient().As(Operator.AccessToken);

    public HttpClient CreateAnonymousClient() => Factory.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>A second WebFront on the same cluster, with different settings (dispose it after use).</summary>
    public ShopApiFactory CreateFactory(IReadOnlyDictionary<string, string?> settings) =>
        new(_gateway ?? throw new InvalidOperationException("Not started."), settings);

    /// <summary>A host whose sign-in limit (<c>Auth:RateLimit</c>) is <paramref name="permitLimit"/> per ten minutes.</summary>
    public ShopApiFactory CreateAuthLimitedFactory(int permitLimit) => CreateFactory(new Dictionary<string, string?>
    {
        ["Auth:RateLimit:PermitLimit"] = $"{permitLimit}",
        ["Auth:RateLimit:Window"] = "00:10:00",
    });

    public async Task InitializeAsync()
    {
        _gateway = await StartClusterAsync();
        _factory = new ShopApiFactory(_gateway);
        _factory.StartServer();
        using var client = CreateAnonymousClient();
        User = await client.SignUpAsync();
        var @operator = await client.SignUpAsync();
        await Grains.GetGrain<IUserGrain>(@operator.Id).GrantRoleAsync(Roles.Operator);
        Operator = await client.SignInAsync(@operator.Email);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await StopClusterAsync();
    }

    /// <summary>Starts the cluster the WebFront will call; called once, before anything else.</summary>
    protected abstract Task<IClusterGateway> StartClusterAsync();

    /// <summary>Stops what <see cref="StartClusterAsync"/> started, including whatever part of it did start before a failure.</summary>
    protected abstract Task StopClusterAsync();
}
