using Shop.TestSupport;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// The "api on PostgreSQL" collection's host: one private PostgreSQL server and one production silo on it
/// (<see cref="PostgresSilo"/>) for the whole collection, behind the same test WebFront as <see cref="ApiFixture"/>.
/// The scenario classes that also run here (users, orders, sign-in and refresh, lockout, idempotency, ETags and
/// conditional requests) make every user, order, session and idempotency record round-trip through the real store,
/// so a green run says the API works on PostgreSQL and not only on memory.
/// <para>
/// Memory-only on purpose, because they read hooks only the test silo has: <c>NoSecretsLeakTests</c> (the silo's
/// captured log lines and stream events, and its memory grain storage read raw), <c>IdempotencyExpiryTests</c> (moves
/// the clock a day forward, too far for a silo shared with other classes) and <c>ClusterUnavailableTests</c> (stops a cluster of its own). The remaining
/// classes test WebFront's edge (validation, headers, rate limits, token checks, OpenAPI, the access matrix) where the
/// store behind the grains does not change the answer; a second run would cost time and say nothing new.
/// </para>
/// </summary>
public sealed class PostgresApiFixture : ApiHost
{
    private readonly PostgresServer _server = new();
    private PostgresSilo? _silo;

    public PostgresSilo Silo => _silo ?? throw new InvalidOperationException("Not started.");

    public override IGrainFactory Grains => Silo.Grains;

    public override ShiftableTimeProvider SiloClock => Silo.Clock;

    protected override async Task<IClusterGateway> StartClusterAsync()
    {
        await _server.InitializeAsync();
        return _silo = await PostgresSilo.StartAsync(_server);
    }

    protected override async Task StopClusterAsync()
    {
        try
        {
            if (_silo is not null)
            {
                await _silo.DisposeAsync();
            }
        }
        finally
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresApiCollection : ICollectionFixture<PostgresApiFixture>
{
    public const string Name = "api on PostgreSQL";
}
