using System.Diagnostics.Metrics;

namespace Shop.Grains.Email;

/// <summary>
/// Outcomes of e-mail jobs on the <see cref="MeterName"/> meter, tagged <c>job.name</c> (<c>welcome-email</c>,
/// <c>order-confirmation</c>). Dead letters are counted by the stream provider on the same meter.
/// </summary>
/// <remarks>
/// The tag is not <c>job</c>: Prometheus gives every scraped series its own <c>job</c> label (the scrape job), so ours
/// would arrive renamed <c>exported_job</c>. Every series exists from start-up at 0, so an alert on
/// <c>increase(shop_jobs_failed_total[5m]) &gt; 0</c> can fire on the very first failure.
/// </remarks>
public sealed class EmailJobMetrics : ILifecycleParticipant<ISiloLifecycle>
{
    public const string MeterName = "Shop.Jobs";
    public const string JobTag = "job.name";

    public static readonly IReadOnlyList<string> Jobs = [WelcomeEmailGrain.WelcomeJob, OrderConfirmationEmailGrain.OrderConfirmationJob];

    private readonly Counter<long> completed;
    private readonly Counter<long> failed;
    private readonly Counter<long> deferred;

    public EmailJobMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        completed = meter.CreateCounter<long>("shop.jobs.completed", "{job}",
            "Jobs finished: outcome sent, already-sent (a redelivery) or nothing-to-send (the entity never came to exist)");
        failed = meter.CreateCounter<long>("shop.jobs.failed", "{attempt}",
            "Job deliveries that failed and go back to the queue for another attempt (or to the dead letters after the last)");
        deferred = meter.CreateCounter<long>("shop.jobs.deferred", "{job}",
            "Jobs handed back to the queue for later without using an attempt: reason not-due or sender-down");
        foreach (var job in Jobs)
        {
            foreach (var outcome in Outcomes.All)
            {
                completed.Add(0, Job(job), new("outcome", outcome));
            }

            failed.Add(0, Job(job));
            foreach (var reason in DeferralReasons.All)
            {
                deferred.Add(0, Job(job), new("reason", reason));
            }
        }
    }

    /// <summary>Nothing to do at any stage: taking part only makes the silo create this at start-up.</summary>
    public void Participate(ISiloLifecycle observer)
    {
    }

    public void Completed(string job, string outcome) => completed.Add(1, Job(job), new("outcome", outcome));

    public void Failed(string job) => failed.Add(1, Job(job));

    public void Deferred(string job, string reason) => deferred.Add(1, Job(job), new("reason", reason));

    private static KeyValuePair<string, object?> Job(string job) => new(JobTag, job);

    public static class Outcomes
    {
        public const string Sent = "sent";
        public const string AlreadySent = "already-sent";
        public const string NothingToSend = "nothing-to-send";

        public static readonly IReadOnlyList<string> All = [Sent, AlreadySent, NothingToSend];
    }

    public static class DeferralReasons
    {
        public const string NotDue = "not-due";
        public const string SenderDown = "sender-down";

        public static readonly IReadOnlyList<string> All = [NotDue, SenderDown];
    }
}
