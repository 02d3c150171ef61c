using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Shop.Bench.GrainClient;

/// <summary>
/// Copies one real user's row to N new user ids in one statement, each with its own e-mail address, so the memory
/// measurement can activate 100,000 realistic users without signing up 100,000 through the full path (which would take
/// far longer than the whole bench). The copies exist only as <c>users</c> rows: no events, no feed rows. Their ids
/// start far above anything the id allocator hands out.
/// </summary>
public static class CloneUsers
{
    public static async Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var template = arguments.Id("template");
        var count = arguments.Number("count");
        var firstId = long.Parse(arguments.Text("first-id", "10000000000"), CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(0, count).Select(i => firstId + i).ToArray();

        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(arguments.Text("pg"));
        await connection.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            """
            WITH cloned AS (
                INSERT INTO users (id, email, email_key, name, roles, version, revision, created_at, updated_at)
                SELECT c.id, 'c' || c.id || '@bench.example', 'C' || c.id || '@BENCH.EXAMPLE', t.name, t.roles,
                       t.version, 1, t.created_at, t.updated_at
                FROM users t, unnest(@ids) AS c(id)
                WHERE t.id = @template
                RETURNING id)
            INSERT INTO user_credentials (user_id, password_hash, sign_in, revision)
            SELECT cloned.id, t.password_hash, t.sign_in, 1
            FROM cloned, user_credentials t
            WHERE t.user_id = @template
            """,
            connection);
        insert.Parameters.AddWithValue("ids", ids);
        insert.Parameters.AddWithValue("template", template);
        insert.CommandTimeout = 300;
        var inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        clock.Stop();

        await File.WriteAllLinesAsync(
            arguments.Text("out"),
            ids.Select(id => new BenchUser(id, string.Create(CultureInfo.InvariantCulture, $"c{id}@bench.example"), 0).ToLine()),
            cancellationToken);
        Result.Print(("cloned", inserted), ("seconds", clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
        return inserted == count ? 0 : 1;
    }
}
