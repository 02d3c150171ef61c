using Shop.TestSupport;

namespace Shop.Integration.Tests.Feed;

/// <summary>Gives each feed test class its own database and silo (<see cref="FeedTestShop"/>).</summary>
public abstract class FeedTestBase(PostgresServer postgres) : IAsyncLifetime
{
    private FeedTestShop? _shop;

    internal FeedTestShop Shop => _shop!;

    public async Task InitializeAsync() => _shop = await FeedTestShop.StartAsync(postgres);

    public async Task DisposeAsync()
    {
        if (_shop is not null)
        {
            await _shop.DisposeAsync();
        }
    }
}
