using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Grains.Interfaces.Errors;

namespace Shop.Silo.Storage;

/// <summary>
/// Group commit for the silo's hot writes (issue 11): concurrent callers each queue one statement, and a writer sends
/// everything queued as one <see cref="NpgsqlBatch"/> without error barriers, so PostgreSQL runs it as one implicit
/// transaction: one round trip and one commit for the whole batch instead of one per caller. A caller's task
/// completes only after that commit.
/// </summary>
/// <remarks>
/// Nothing waits to gather a batch: an idle writer sends a lone statement at once, so a batch of one costs what the
/// statement cost alone. The price is paid under load only: a caller that arrives while every writer is busy waits for
/// a batch ahead of it to commit before its own is sent (at most one batch of <see cref="GroupCommitOptions.MaxBatchSize"/>
/// statements); a statement that waits for a row lock holds its whole batch with it (one reason for more than one
/// writer); and a statement that fails makes the others of its batch run again one by one.
/// </remarks>
public sealed partial class GroupCommit : IAsyncDisposable, IDisposable
{
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>();
    private readonly Func<IReadOnlyList<NpgsqlBatchCommand>, Task<IReadOnlyList<int>>> _send;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly Task[] _writers;

    public GroupCommit(NpgsqlDataSource database, IOptions<GroupCommitOptions> options, ILogger<GroupCommit> logger)
        : this(commands => SendAsync(database, commands), options.Value, logger)
    {
    }

    /// <param name="send">Sends its commands as one transaction and returns the rows each affected.</param>
    internal GroupCommit(Func<IReadOnlyList<NpgsqlBatchCommand>, Task<IReadOnlyList<int>>> send, GroupCommitOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _send = send;
        _logger = logger;
        _maxBatchSize = options.MaxBatchSize;
        // The writers must not inherit the trace (or anything else) of whoever happened to create this.
        using (ExecutionContext.SuppressFlow())
        {
            _writers = [.. Enumerable.Range(0, options.Writers).Select(_ => Task.Run(WriteAsync))];
        }
    }

    /// <summary>
    /// Queues <paramref name="command"/> for the next batch; the task completes with the rows it affected once its
    /// batch committed, or fails with the exception the statement would have raised alone.
    /// </summary>
    public Task<int> ExecuteAsync(NpgsqlBatchCommand command)
    {
        var write = new QueuedWrite(command, Activity.Current, new(TaskCreationOptions.RunContinuationsAsynchronously));
        // Only a stopping silo refuses: its caller is told to retry, as for a database that is down.
        return _queue.Writer.TryWrite(write) ? write.Committed.Task : Task.FromException<int>(new StorageUnavailableException());
    }

    /// <summary>Sends what is queued already, then stops the writers.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    /// <summary>
    /// For a container disposed synchronously: refuses new writes at once; what is queued is still sent, unawaited.
    /// </summary>
    public void Dispose() => _queue.Writer.TryComplete();

    /// <summary>
    /// Whether <paramref name="failure"/> was raised by a statement: PostgreSQL rolled the batch back and the connection
    /// is fine, so each statement can run again alone. Any other failure (the network, a server shutting down, no
    /// connection to be had) would fail each of them again, so it goes to every caller of the batch as it is.
    /// </summary>
    internal static bool FailedOnStatement(Exception failure) =>
        failure is PostgresException { SqlState: var state }
        && !state.StartsWith("08", StringComparison.Ordinal) // connection_exception
        && !state.StartsWith("57P", StringComparison.Ordinal); // the server shuts down or cannot take connections

    private async Task WriteAsync()
    {
        var batch = new List<QueuedWrite>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<QueuedWrite> batch)
    {
        try
        {
            var affected = await SendAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Committed.TrySetResult(affected[i]);
            }
        }
        catch (Exception failure) when (batch.Count > 1 && FailedOnStatement(failure))
        {
            // One statement's error rolled back everybody's writes: each runs again on its own, so the error reaches
            // only its own caller (a sign-up told its address is taken) and the rest commit. Costs a round trip each.
            LogBatchSplit(_logger, batch.Count, ((PostgresException)failure).SqlState);
            foreach (var write in batch)
            {
                await CommitAsync([write with { Command = Copy(write.Command) }]);
            }
        }
#pragma warning disable CA1031 // Not swallowed: every caller of the batch receives the failure as its own.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            foreach (var write in batch)
            {
                write.Committed.TrySetException(failure);
            }
        }
    }

    // Npgsql does not bind a command's parameters again once they were sent, so a statement runs again as a copy.
    private static NpgsqlBatchCommand Copy(NpgsqlBatchCommand command)
    {
        var copy = new NpgsqlBatchCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            copy.Parameters.Add(parameter.Clone());
        }

        return copy;
    }

    private Task<IReadOnlyList<int>> SendAsync(IReadOnlyList<QueuedWrite> batch)
    {
        // The batch's span joins the first caller's trace, so a lone write is traced as it was before batching; the
        // others of a larger batch see no span of their own (Npgsql gives a batch one span).
        Activity.Current = batch[0].Caller;
        return _send([.. batch.Select(write => write.Command)]);
    }

    private static async Task<IReadOnlyList<int>> SendAsync(NpgsqlDataSource database, IReadOnlyList<NpgsqlBatchCommand> commands)
    {
        // No error barriers (Npgsql's default): one Sync for the batch, so the statements share one implicit transaction.
        await using var batch = database.CreateBatch();
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        return [.. commands.Select(command => command.RecordsAffected)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} writes failed on one statement ({SqlState}); each runs again on its own")]
    private static partial void LogBatchSplit(ILogger logger, int count, string sqlState);

    /// <param name="Committed">Continues its caller off the writer, so callers resuming never delay the next batch.</param>
    private sealed record QueuedWrite(NpgsqlBatchCommand Command, Activity? Caller, TaskCompletionSource<int> Committed);
}
