using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shop.Feed.Client;

namespace Shop.Samples.OrderFeedConsumer;

/// <summary>
/// Prints every event as one JSON line and saves the position after each printed batch, so a restart repeats at most
/// the batch that was being printed when the process died.
/// </summary>
internal sealed class PrintingConsumer(ShopOrderFeed feed, IOptions<ConsumerArguments> arguments) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var positionFile = Path.GetFullPath(arguments.Value.Position);
        var from = File.Exists(positionFile)
            ? FeedStart.After(FeedPosition.Parse(await File.ReadAllTextAsync(positionFile, stoppingToken)))
            : FeedStart.Parse(arguments.Value.From);

        await using var stdout = Console.OpenStandardOutput();
        await foreach (var batch in feed.ReadBatchesAsync(from, stoppingToken))
        {
            foreach (var feedEvent in batch)
            {
                await JsonSerializer.SerializeAsync(stdout, new PrintedEvent(feedEvent), cancellationToken: stoppingToken);
                stdout.WriteByte((byte)'\n');
            }

            // Printed before saved: a crash in between prints the batch again rather than losing it.
            await stdout.FlushAsync(stoppingToken);
            await SaveAsync(positionFile, batch[^1].Position, stoppingToken);
        }
    }

    // A reader of the file sees the old position or the new one, never a torn write.
    private static async Task SaveAsync(string file, FeedPosition position, CancellationToken cancellationToken)
    {
        var temporary = file + ".tmp";
        await File.WriteAllTextAsync(temporary, position.ToString(), cancellationToken);
        File.Move(temporary, file, overwrite: true);
    }
}
