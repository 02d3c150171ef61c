using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Errors;
using Shop.WebFront.Orleans;

namespace Shop.WebFront.Operators;

/// <summary>
/// Ready when a silo answers a cheap management call in time: WebFront can serve the API. Degraded (still ready) when
/// the silo answers that PostgreSQL is down.
/// </summary>
internal sealed class ClusterReadyCheck(IClusterClient cluster, IOptions<ClusterReadinessOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.Value.Timeout;
        try
        {
            var silos = await cluster.GetGrain<IManagementGrain>(0)
                .GetHosts(onlyActive: true, cancellationToken)
                .WaitAsync(timeout, cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("the cluster has no active silo");
        }
        catch (StorageUnavailableException)
        {
            // A silo answered, without PostgreSQL: reads of active grains still work, so stay in the load balancer.
            return HealthCheckResult.Degraded("a silo answers but PostgreSQL does not: writes answer 503");
        }
        catch (Exception exception) when (ClusterFailures.IsUnavailable(exception))
        {
            // Only the kind of failure goes out: the body is read by probes, not by people debugging.
            return HealthCheckResult.Unhealthy($"the cluster did not answer within {timeout} ({exception.GetType().Name})");
        }
    }
}
