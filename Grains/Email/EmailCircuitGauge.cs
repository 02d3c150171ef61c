using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;

namespace Shop.Grains.Email;

/// <summary>
/// The e-mail breaker's state as <c>shop.email.circuit.state</c> on the <see cref="EmailJobMetrics.MeterName"/> meter:
/// 0 closed, 1 open (also when isolated by hand), 2 half-open (one probe is let through). Resolved with the silo, so the
/// series exists from start-up at 0 and an alert on "open for 5 minutes" needs no "absent" rule beside it.
/// </summary>
public sealed class EmailCircuitGauge : ILifecycleParticipant<ISiloLifecycle>
{
    public EmailCircuitGauge(EmailDelivery delivery, IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(meterFactory);
        meterFactory.Create(EmailJobMetrics.MeterName).CreateObservableGauge(
            "shop.email.circuit.state", () => Value(delivery.CircuitState), unit: null,
            "State of the e-mail sender's circuit breaker on this silo: 0 closed, 1 open, 2 half-open");
    }

    /// <summary>Nothing to do at any stage: taking part only makes the silo create this at start-up.</summary>
    public void Participate(ISiloLifecycle observer)
    {
    }

    private static int Value(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.HalfOpen => 2,
        _ => 1,
    };
}
