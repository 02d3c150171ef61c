using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shop.Feed.Client;

namespace Shop.Integration.Tests.Feed;

/// <summary>A consumer's mistakes in its feed settings stop it at start-up, naming the setting.</summary>
public sealed class FeedOptionsTests
{
    [Theory]
    [InlineData("", "start", "ConnectionString")]
    [InlineData("Host=127.0.0.1", "yesterday", "yesterday")]
    public async Task Invalid_feed_settings_fail_at_start_up(string connectionString, string start, string named)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services
            .AddShopOrderFeed(feed => feed.ConnectionString = connectionString)
            .AddShopOrderFeedConsumer<NoHandler>(group =>
            {
                group.Group = "billing";
                group.Start = start;
            });
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("2026-11-01T00:00:00Z")]
    [InlineData("7351:12")]
    public void Every_documented_start_parses(string start) => Assert.True(FeedStart.TryParse(start, out _));

    [Fact]
    public void A_position_round_trips_through_its_text_and_orders_by_transaction_first()
    {
        var position = FeedPosition.Parse(new FeedPosition(7351, 12).ToString());

        Assert.Equal(new FeedPosition(7351, 12), position);
        Assert.True(new FeedPosition(7350, 99) < position);
        Assert.True(new FeedPosition(7351, 13) > position);
    }

    private sealed class NoHandler : IOrderFeedHandler
    {
        public Task HandleAsync(FeedEvent feedEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
