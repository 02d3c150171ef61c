using System.Net.Http.Headers;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Users;
using Shop.WebFront.Tests.Support;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// One cluster and one WebFront for the whole "api" collection, with two signed-in accounts made once: an ordinary
/// user (whose token <see cref="CreateClient"/> sends) and an operator.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync, which xunit calls.")]
public sealed class ApiFixture : IAsyncLifetime
{
    private ClusterHost? _cluster;
    private ShopApiFactory? _factory;

    public ClusterHost Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public ShopApiFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public SignedIn User { get; private set; } = null!;

    public SignedIn Operator { get; private set; } = null!;

    /// <summary>A client signed in as <see cref="User"/>; <see cref="ShopClient.CreateUserAsync"/> switches it to the user it makes.</summary>
    public HttpClient CreateClient() => CreateAnonymousClient().As(User.AccessToken);

    public HttpClient CreateOperatorClient() => CreateAnonymousClient().As(Operator.AccessToken);

    public HttpClient CreateAnonymousClient() => Factory.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>A second WebFront on the same cluster, with different settings (dispose it after use).</summary>
    public ShopApiFactory CreateFactory(IReadOnlyDictionary<string, string?> settings) => new(Cluster, settings);

    /// <summary>A host whose sign-in limit (<c>Auth:RateLimit</c>) is <paramref name="permitLimit"/> per ten minutes.</summary>
    public ShopApiFactory CreateAuthLimitedFactory(int permitLimit) => CreateFactory(new Dictionary<string, string?>
    {
        ["Auth:RateLimit:PermitLimit"] = $"{permitLimit}",
        ["Auth:RateLimit:Window"] = "00:10:00",
    });

    public async Task InitializeAsync()
    {
        _cluster = await ClusterHost.StartAsync<ShopSiloConfigurator>();
        _factory = new ShopApiFactory(_cluster);
        _factory.StartServer();
        using var client = CreateAnonymousClient();
        User = await client.SignUpAsync();
        var @operator = await client.SignUpAsync();
        await _cluster.Cluster.Client.GetGrain<IUserGrain>(@operator.Id).GrantRoleAsync(Roles.Operator);
        Operator = await client.SignInAsync(@operator.Email);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
