namespace Shop.WebFront.Tests.Fixtures;

/// <summary>One cluster and one WebFront for the whole "api" collection.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync, which xunit calls.")]
public sealed class ApiFixture : IAsyncLifetime
{
    private ClusterHost? _cluster;
    private ShopApiFactory? _factory;

    public ClusterHost Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    public ShopApiFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public HttpClient CreateClient() => Factory.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>A second WebFront on the same cluster, with different settings (dispose it after use).</summary>
    public ShopApiFactory CreateFactory(IReadOnlyDictionary<string, string?> settings) => new(Cluster, settings);

    public async Task InitializeAsync()
    {
        _cluster = await ClusterHost.StartAsync<ShopSiloConfigurator>();
        _factory = new ShopApiFactory(_cluster);
        _factory.StartServer();
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
