using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Shop.Feed.Client;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Feed;

/// <summary>samples/OrderFeedConsumer as a real process: SIGKILLed mid-stream and restarted with its position file.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OrderFeedConsumerProcessTests(PostgresServer postgres) : FeedTestBase(postgres)
{
    [Fact]
    public async Task The_sample_killed_mid_stream_loses_no_event_and_repeats_only_events_after_its_saved_position()
    {
        var userId = await Shop.NewUserAsync();
        var positionFile = Path.Combine(Directory.CreateTempSubdirectory("shop-feed-sample-").FullName, "position");
        using var placing = new CancellationTokenSource();
        var placed = PlaceUntilStoppedAsync(userId, placing.Token);

        var first = Sample.Start(Shop.ConnectionString, positionFile);
        await first.WaitUntilAsync(lines => lines.Count >= 30);
        first.Kill();
        // Killed between printing its first batch and saving it, the first run has saved nothing: all of it comes again.
        var saved = File.Exists(positionFile) ? FeedPosition.Parse(await File.ReadAllTextAsync(positionFile)) : FeedPosition.Start;

        var second = Sample.Start(Shop.ConnectionString, positionFile);
        await Task.Delay(500);
        await placing.CancelAsync();
        Assert.True(await placed >= 10, "too few orders were placed while the sample ran");
        var all = await Shop.ReadAllAsync(FeedStart.Beginning);
        await second.WaitUntilAsync(lines => lines.Count > 0 && lines[^1].Position == all[^1].Position.ToString());
        second.Kill();

        // Up to the saved position, the first run printed each event once, in order; after it, the second run printed
        // each event once, in order. The first run's lines after its saved position are the only repeats.
        var expected = all.Select(e => new PrintedLine(e.Type, e.OrderId, e.UserId, e.Version, e.Position.ToString())).ToList();
        Assert.Equal(expected.Where(e => FeedPosition.Parse(e.Position) <= saved),
            first.Lines.Where(l => FeedPosition.Parse(l.Position) <= saved));
        Assert.Equal(expected.Where(e => FeedPosition.Parse(e.Position) > saved), second.Lines);
        Assert.All(first.Lines, line => Assert.Contains(line, expected));
    }

    private async Task<int> PlaceUntilStoppedAsync(long userId, CancellationToken stop)
    {
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            await Shop.PlaceAndShipAsync(userId);
            count++;
        }

        return count;
    }

    private sealed record PrintedLine(string Type, long? OrderId, long UserId, long Version, string Position);

    /// <summary><c>dotnet OrderFeedConsumer.dll --from start --position FILE</c>, its stdout parsed line by line.</summary>
    private sealed class Sample
    {
        private static readonly JsonSerializerOptions LineJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        private readonly Process process;
        private readonly ConcurrentQueue<PrintedLine> lines = new();
        private readonly ConcurrentQueue<string> errors = new();

        private Sample(Process process) => this.process = process;

        public IReadOnlyList<PrintedLine> Lines => [.. lines];

        public static Sample Start(string connectionString, string positionFile)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(BuiltApp.PathOf(Path.Combine("samples", "OrderFeedConsumer"), "OrderFeedConsumer"));
            foreach (var argument in new[] { "--from", "start", "--position", positionFile })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["ConnectionStrings__Postgres"] = connectionString;
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            var sample = new Sample(new Process { StartInfo = start });
            sample.process.OutputDataReceived += (_, e) => sample.Print(e.Data);
            sample.process.ErrorDataReceived += (_, e) => sample.errors.Enqueue(e.Data ?? "");
            sample.process.Start();
            sample.process.BeginOutputReadLine();
            sample.process.BeginErrorReadLine();
            return sample;
        }

        public async Task WaitUntilAsync(Func<IReadOnlyList<PrintedLine>, bool> done)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!done(Lines))
            {
                Assert.False(process.HasExited, "the sample exited:\n" + string.Join('\n', errors));
                Assert.True(DateTime.UtcNow < deadline, $"the sample printed {lines.Count} lines:\n" + string.Join('\n', errors));
                await Task.Delay(20);
            }
        }

        /// <summary>SIGKILL: no shutdown code runs.</summary>
        public void Kill()
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }

        private void Print(string? line)
        {
            // A line torn by SIGKILL was never followed by a save: it is printed again by the next run.
            if (line is null)
            {
                return;
            }

            try
            {
                if (JsonSerializer.Deserialize<PrintedLine>(line, LineJson) is { } printed)
                {
                    lines.Enqueue(printed);
                }
            }
            catch (JsonException)
            {
                errors.Enqueue("torn: " + line);
            }
        }
    }
}
