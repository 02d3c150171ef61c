using System.Diagnostics.Metrics;

namespace Shop.Grains.Email;

/// <summary>
/// Outcomes of e-mail jobs on the <see cref="MeterName"/> meter, tagged with the job (<c>welcome-email</c>,
/// <c>order-confirmation</c>). Dead letters are counted by the stream provider on the same meter.
/// </summary>
public sealed class EmailJobMetrics
{
    public const string MeterName = "Shop.Jobs";

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
    }

    public void Completed(string job, string outcome) =>
        completed.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", outcome));

    public void Failed(string job) => failed.Add(1, new KeyValuePair<string, object?>("job", job));

    public void Deferred(string job, string reason) =>
        deferred.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("reason", reason));
}
