using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Shop.Grains.Email;

/// <summary>
/// The one way e-mail leaves a silo: the configured <see cref="IEmailSender"/> behind Polly — retry (outer), circuit
/// breaker, and a timeout per try (inner). One instance per silo, so every job shares the breaker: once the sender is
/// found down, jobs stop hammering it and get <see cref="BrokenCircuitException"/> at once.
/// </summary>
public sealed partial class EmailDelivery
{
    private readonly IEmailSender sender;
    private readonly ResiliencePipeline pipeline;
    private readonly CircuitBreakerStateProvider circuit = new();
    private readonly ILogger<EmailDelivery> logger;

    public EmailDelivery(IEmailSender sender, IOptions<EmailOptions> options, ILogger<EmailDelivery> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.sender = sender;
        this.logger = logger;
        var settings = options.Value.Resilience;
        var builder = new ResiliencePipelineBuilder();
        if (settings.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsSenderFailure),
                MaxRetryAttempts = settings.RetryAttempts,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                OnRetry = arguments =>
                {
                    LogRetrying(logger, arguments.AttemptNumber + 1, arguments.RetryDelay, arguments.Outcome.Exception?.GetType().Name);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsSenderFailure),
            FailureRatio = settings.FailureRatio,
            MinimumThroughput = settings.MinimumThroughput,
            SamplingDuration = settings.SamplingDuration,
            BreakDuration = settings.BreakDuration,
            StateProvider = circuit,
            OnOpened = arguments =>
            {
                LogOpened(logger, arguments.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                LogClosed(logger);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(settings.AttemptTimeout);
        pipeline = builder.Build();
    }

    /// <summary>Sends, retrying transient failures.</summary>
    /// <exception cref="BrokenCircuitException">The sender is considered down; nothing was tried.</exception>
    /// <exception cref="EmailRejectedException">The message was refused; not retried.</exception>
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        await pipeline.ExecuteAsync(
            static (state, token) => new ValueTask(state.sender.SendAsync(state.message, token)),
            (sender, message),
            cancellationToken);
        LogSent(logger, message.Kind, message.Key);
    }

    /// <summary>The breaker's state now, for <see cref="EmailCircuitGauge"/>.</summary>
    public CircuitState CircuitState => circuit.CircuitState;

    /// <summary>
    /// True when <paramref name="exception"/> from <see cref="SendAsync"/> means the sender as a whole is down rather
    /// than this message failing: the breaker refused, or this failure (e.g. a failed probe) left it open.
    /// </summary>
    public bool IsSenderDown(Exception exception) =>
        exception is BrokenCircuitException
        || (IsSenderFailure(exception) && circuit.CircuitState is CircuitState.Open or CircuitState.Isolated);

    /// <summary>
    /// What says the sender (not this message) is in trouble: retried in place and counted by the breaker. A refusal
    /// of the message is not, and neither is the breaker's own refusal (retrying it would only spin).
    /// </summary>
    private static bool IsSenderFailure(Exception exception) =>
        exception is not (EmailRejectedException or BrokenCircuitException or OperationCanceledException);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "E-mail {Kind} for {Key} handed to the sender")]
    private static partial void LogSent(ILogger logger, string kind, long key);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "E-mail send failed ({Error}); try {Try} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, int @try, TimeSpan delay, string? error);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "E-mail sender considered down: circuit open for {BreakDuration}; jobs wait in the queue")]
    private static partial void LogOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "E-mail sender is back: circuit closed")]
    private static partial void LogClosed(ILogger logger);
}
