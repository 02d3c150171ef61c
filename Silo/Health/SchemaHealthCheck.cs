using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Silo.Schema;

namespace Shop.Silo.Health;

/// <summary>
/// Unready when PostgreSQL's schema is not the one this build expects. While PostgreSQL does not answer the silo is
/// degraded, not unready: it still serves every read of an active grain from memory, and its writes answer 503 with
/// Retry-After, so a load balancer should keep sending it traffic rather than drop the reads too.
/// </summary>
public sealed class SchemaHealthCheck(SchemaMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await migrator.GetStatusAsync(cancellationToken);
            return status.IsUpToDate
                ? HealthCheckResult.Healthy($"schema version {status.DatabaseVersion}")
                : HealthCheckResult.Unhealthy($"schema version {status.DatabaseVersion}, this build expects {status.CodeVersion}");
        }
        catch (SchemaMigrationException)
        {
            // A fixed text: probes read this body, and the migrator's message names host, port and database.
            return HealthCheckResult.Degraded("PostgreSQL does not answer: reads are served from memory, writes answer 503");
        }
    }
}
