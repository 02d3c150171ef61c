using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Shop.Bench.StreamCompare;

/// <summary>
/// Measures one provider: (a) throughput, (b) idle statements, (c) a SIGKILL in the middle of consumption and a
/// restart. Prints one RESULT line.
/// </summary>
internal sealed class Comparison(NpgsqlDataSource admin, string adminConnectionString, int events, int streams, string run, string workDirectory, string adoNetScript)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    // Past both providers' redelivery delays after a crash (ours' 30 s lease, AdoNet's 60 s visibility timeout),
    // so that a duplicate delivered by either shows up before the count is taken.
    private static readonly TimeSpan RedeliveryWindow = TimeSpan.FromSeconds(75);

    public async Task<string> MeasureAsync(ProviderKind kind)
    {
        await using var database = await ComparisonDatabase.CreateAsync(admin, adminConnectionString, kind, run, adoNetScript);
        var log = Path.Combine(workDirectory, $"{kind}-{run}.log");
        var ackFile = Path.Combine(workDirectory, $"{kind}-{run}.acks");
        File.Delete(ackFile);

        // (a) throughput and (b) idle statements, on one silo.
        string throughput, idle;
        await using (var silo = ChildProcess.Start(kind, database.ConnectionString, events, streams, ackFile, log))
        {
            await silo.WaitForLineAsync("READY", TimeSpan.FromMinutes(2));
            await silo.WaitForLineAsync("PRODUCING", TimeSpan.FromMinutes(1));
            var statementsBefore = await database.StatementsAsync();
            var watch = Stopwatch.StartNew();
            var polls = 0L;
            while (await database.ReceivedRowsAsync() < events && watch.Elapsed < TimeSpan.FromMinutes(5))
            {
                polls++;
                await Task.Delay(PollInterval);
            }

            var endToEnd = watch.Elapsed.TotalSeconds;
            var produced = await silo.WaitForLineAsync("PRODUCED", TimeSpan.FromMinutes(5));
            var produceSeconds = double.Parse(produced.Split(' ')[2], CultureInfo.InvariantCulture);
            var received = await database.ReceivedRowsAsync();
            var distinct = await database.DistinctReceivedAsync();
            // The provider's own statements: all of the database's, less the consumer's inserts and these polls.
            var providerStatements = await database.StatementsAsync() - statementsBefore - received - polls - 3;
            throughput = Invariant(
                $"produced_per_s={events / produceSeconds:F0} e2e_per_s={distinct / endToEnd:F0} e2e_s={endToEnd:F1} received={distinct}/{events} dup_rows={received - distinct} provider_statements_per_event={(double)providerStatements / events:F2}");

            await Task.Delay(TimeSpan.FromSeconds(5));
            var idleBefore = await database.StatementsAsync();
            await Task.Delay(TimeSpan.FromSeconds(10));
            idle = Invariant($"idle_statements_per_s={(await database.StatementsAsync() - idleBefore - 1) / 10.0:F1}");
            await silo.StopAsync();
        }

        var durability = await KillAndRestartAsync(kind, database, ackFile, log);
        return $"RESULT run={run} provider={kind} {throughput} {idle} {durability}";
    }

    private async Task<string> KillAndRestartAsync(ProviderKind kind, ComparisonDatabase database, string ackFile, string log)
    {
        await database.ClearReceivedAsync();
        File.Delete(ackFile);
        long receivedAtKill;
        await using (var silo = ChildProcess.Start(kind, database.ConnectionString, events, streams, ackFile, log))
        {
            await silo.WaitForLineAsync("PRODUCING", TimeSpan.FromMinutes(2));
            var deadline = Stopwatch.StartNew();
            while ((receivedAtKill = await database.ReceivedRowsAsync()) < events / 3 && deadline.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20));
            }

            await silo.KillAsync();
        }

        var lastAcked = LastAcked(ackFile);
        var acked = lastAcked.Values.Sum(last => last + 1);
        var queuedAtKill = await database.QueuedAsync(kind);

        await using var restarted = ChildProcess.Start(kind, database.ConnectionString, 0, streams, ackFile, log);
        await restarted.WaitForLineAsync("READY", TimeSpan.FromMinutes(2));
        var watch = Stopwatch.StartNew();
        long missing;
        double? recoveredIn = null;
        while (watch.Elapsed < RedeliveryWindow + TimeSpan.FromSeconds(60))
        {
            missing = await database.MissingAsync(lastAcked);
            if (missing == 0 && recoveredIn is null)
            {
                recoveredIn = watch.Elapsed.TotalSeconds;
            }

            if (recoveredIn is not null && watch.Elapsed >= RedeliveryWindow)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        missing = await database.MissingAsync(lastAcked);
        var rows = await database.ReceivedRowsAsync();
        var distinct = await database.DistinctReceivedAsync();
        var left = await database.QueuedAsync(kind);
        var dead = await database.DeadLettersAsync(kind);
        await restarted.StopAsync();
        return Invariant(
            $"kill_at_received={receivedAtKill} acked={acked} queued_at_kill={queuedAtKill} lost={missing} duplicated={rows - distinct} delivered_unacked={distinct - (acked - missing)} all_acked_back_after_s={(recoveredIn is { } seconds ? seconds.ToString("F0", CultureInfo.InvariantCulture) : "never")} left_queued={left} dead_letters={dead}");
    }

    /// <summary>Per stream the last acknowledged sequence: each stream is produced in order, so acks are a prefix.</summary>
    private static Dictionary<int, long> LastAcked(string ackFile) =>
        File.ReadLines(ackFile)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 2 && parts[1].Length > 0)
            .GroupBy(parts => int.Parse(parts[0], CultureInfo.InvariantCulture))
            .ToDictionary(group => group.Key, group => group.Max(parts => long.Parse(parts[1], CultureInfo.InvariantCulture)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
