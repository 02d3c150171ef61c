using System.Globalization;
using Npgsql;
using Shop.Bench.StreamCompare;

// compare ADMIN_CONNECTION_STRING EVENTS STREAMS ORDER RUN WORK_DIR ADONET_SQL   (ORDER: e.g. "ours,adonet";
//         ADONET_SQL: upstream's PostgreSQL-Streaming.sql)
// silo    KIND CONNECTION_STRING SILO_PORT GATEWAY_PORT EVENTS STREAMS ACK_FILE   (started by "compare")
if (args is ["silo", .. var siloArgs])
{
    return await ChildSilo.RunAsync(siloArgs);
}

if (args is not ["compare", var adminConnectionString, var events, var streams, var order, var run, var workDirectory, var adoNetScript])
{
    Console.Error.WriteLine("usage: StreamCompare compare ADMIN_CONNECTION_STRING EVENTS STREAMS ours,adonet RUN WORK_DIR ADONET_SQL");
    return 2;
}

await using var admin = NpgsqlDataSource.Create(adminConnectionString);
var comparison = new Comparison(admin, adminConnectionString,
    int.Parse(events, CultureInfo.InvariantCulture), int.Parse(streams, CultureInfo.InvariantCulture), run, workDirectory, adoNetScript);
foreach (var kind in order.Split(',').Select(name => Enum.Parse<ProviderKind>(name, ignoreCase: true)))
{
    Console.WriteLine(await comparison.MeasureAsync(kind));
}

return 0;
