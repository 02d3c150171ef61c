using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Silo.Schema;

namespace Shop.Silo.Health;

/// <summary>Ready only when PostgreSQL answers and its schema is the one this build expects.</summary>
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
        catch (SchemaMigrationException exception)
        {
            // The migrator's messages name host, port and database but never credentials.
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}
