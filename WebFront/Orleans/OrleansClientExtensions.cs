using Orleans.Configuration;
using Orleans.Dashboard;
using Shop.ServiceDefaults;

namespace Shop.WebFront.Orleans;

public static class OrleansClientExtensions
{
    private const string PostgresConnectionName = "Postgres";
    private const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Connects the standalone WebFront to the cluster: through the PostgreSQL membership table when
    /// <c>ConnectionStrings:Postgres</c> is set, otherwise to a silo gateway on localhost. A silo that serves the API
    /// needs none of this: it is the cluster.
    /// </summary>
    public static WebApplicationBuilder AddOrleansClient(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<OrleansClientOptions>(OrleansClientOptions.Section);

        var options = builder.Configuration.GetSection(OrleansClientOptions.Section).Get<OrleansClientOptions>() ?? new();
        var postgres = builder.Configuration.GetConnectionString(PostgresConnectionName);

        builder.UseOrleansClient(client =>
        {
            if (string.IsNullOrWhiteSpace(postgres))
            {
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            }
            else
            {
                client.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = options.ClusterId;
                    cluster.ServiceId = options.ServiceId;
                });
                client.UseAdoNetClustering(ado =>
                {
                    ado.Invariant = NpgsqlInvariant;
                    ado.ConnectionString = postgres;
                });
            }

            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.ResponseTimeout);
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = options.GatewayListRefreshPeriod);
            client.Configure<ConnectionOptions>(connection => connection.OpenConnectionTimeout = options.OpenConnectionTimeout);
            client.UseConnectionRetryFilter<ConnectRetryFilter>();
            // Grain calls join the HTTP request's trace when traces are exported; the dashboard at /dashboard/ reads the silos' statistics.
            if (builder.Configuration.ExportsTelemetry())
            {
                client.AddActivityPropagation();
            }

            client.AddDashboard();
        });
        return builder;
    }
}
