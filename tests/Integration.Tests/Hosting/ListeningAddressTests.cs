using System.Globalization;
using System.Net;
using Shop.Integration.Tests.Persistence;
using Shop.TestSupport;

namespace Shop.Integration.Tests.Hosting;

/// <summary>
/// Whoever reaches a silo's ports can call any grain as anyone, so by default they listen only on the advertised
/// address (loopback here); every interface only when <c>Orleans:ListenOnAnyHostAddress</c> says so. Read from the
/// kernel's own table of listening sockets, not from the silo's configuration.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ListeningAddressTests(PostgresServer postgres)
{
    [Fact]
    public async Task Silo_and_gateway_ports_listen_only_on_the_advertised_address_by_default()
    {
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        await using var silo = await StartAsync(siloPort, gatewayPort, listenEverywhere: null);

        Assert.Equal([IPAddress.Loopback], ListeningAddresses(siloPort));
        Assert.Equal([IPAddress.Loopback], ListeningAddresses(gatewayPort));
    }

    [Fact]
    public async Task Listening_on_every_interface_is_an_explicit_setting()
    {
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        await using var silo = await StartAsync(siloPort, gatewayPort, listenEverywhere: "true");

        Assert.Contains(ListeningAddresses(gatewayPort), a => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any));
    }

    private async Task<TestSilo> StartAsync(int siloPort, int gatewayPort, string? listenEverywhere) =>
        await TestSilo.StartAsync(
            postgres.ConnectionStringFor(await postgres.CreateDatabaseAsync()),
            $"listen-{Guid.NewGuid():N}",
            new Dictionary<string, string?>
            {
                ["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
                ["Orleans:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
                ["Orleans:ListenOnAnyHostAddress"] = listenEverywhere,
            });

    /// <summary>The local addresses of the sockets listening on <paramref name="port"/>, from /proc/net/tcp and tcp6.</summary>
    private static List<IPAddress> ListeningAddresses(int port)
    {
        const string Listen = "0A";
        var found = new List<IPAddress>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = columns[1].Split(':');
                if (columns[3] == Listen && int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    found.Add(Decode(local[0]));
                }
            }
        }

        return found;
    }

    /// <summary>The kernel writes each 32-bit word of the address in host (little-endian) byte order.</summary>
    private static IPAddress Decode(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPAddress(bytes);
    }
}
