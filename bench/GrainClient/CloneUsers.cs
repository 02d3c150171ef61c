using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Orleans.Storage;

namespace Shop.Bench.GrainClient;

/// <summary>
/// Copies one real user's stored state to N new user ids in one statement, each with its own e-mail address, so the
/// memory measurement can activate 100,000 realistic users without signing up 100,000 through the full path (which
/// would take far longer than the whole bench). The copies exist only as stored user state: no e-mail claim, no
/// events. Their ids start far above anything the id allocator hands out. The row key follows the ADO.NET provider:
/// grain id hash = Orleans' default storage hash of the big-endian 8-byte integer key.
/// </summary>
public static class CloneUsers
{
    private const string UserGrainType = "user";

    public static async Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var template = arguments.Id("template");
        var templateEmail = arguments.Text("template-email");
        var count = arguments.Number("count");
        var firstId = long.Parse(arguments.Text("first-id", "10000000000"), CultureInfo.InvariantCulture);
        var serviceId = arguments.Text("service-id", "shop");

        var hasher = new OrleansDefaultHasher();
        var ids = new long[count];
        var hashes = new int[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = firstId + i;
            var key = BitConverter.GetBytes(ids[i]);
            if (BitConverter.IsLittleEndian)
            {
                Array.Reverse(key);
            }

            hashes[i] = hasher.Hash(key);
        }

        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(arguments.Text("pg"));
        await connection.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO orleans_grain_state
                (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_key_ext, payload, version)
            SELECT t.service_id, t.grain_type, t.grain_type_hash, c.hash, 0, c.id, NULL,
                   convert_to(replace(convert_from(t.payload, 'UTF8'), @email, 'c' || c.id || '@bench.example'), 'UTF8'), 1
            FROM orleans_grain_state t, unnest(@ids, @hashes) AS c(id, hash)
            WHERE t.service_id = @service AND t.grain_type = @type AND t.grain_id_n0 = 0 AND t.grain_id_n1 = @template
              AND t.grain_key_ext IS NULL
            """,
            connection);
        insert.Parameters.AddWithValue("email", templateEmail);
        insert.Parameters.AddWithValue("ids", ids);
        insert.Parameters.AddWithValue("hashes", hashes);
        insert.Parameters.AddWithValue("service", serviceId);
        insert.Parameters.AddWithValue("type", UserGrainType);
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
