using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Shop.Streaming.Postgres;

namespace Shop.Silo.Schema;

/// <summary>
/// Finds the migrations embedded in this assembly (<c>Schema/Migrations/NNNN_name.sql</c>) and in the providers it
/// hosts (the stream provider ships the tables its statements need in <c>Storage/Migrations</c>), and orders them by
/// their numeric prefix, so adding a file is all it takes to ship a new migration.
/// <para>
/// One numbering and one <c>schema_migrations</c> history for all of them: the stream tables were migrations 0005 and
/// 0006 of the silo before they moved into the provider, and a database that applied them must find the same versions
/// with the same checksums (the migrator refuses an edited one), so the files moved byte for byte. The cost is that the
/// provider's files hold numbers in the silo's sequence; a history of the provider's own would have had to be seeded
/// on every existing database.
/// </para>
/// </summary>
public static partial class MigrationCatalog
{
    private const string ResourceFolder = ".Migrations.";

    public static IReadOnlyList<Migration> Load() =>
        Load(typeof(MigrationCatalog).Assembly, typeof(PostgresStreamingExtensions).Assembly);

    public static IReadOnlyList<Migration> Load(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);

        var migrations = new List<Migration>();
        foreach (var (assembly, resource) in assemblies.SelectMany(assembly =>
            assembly.GetManifestResourceNames().Select(resource => (assembly, resource))))
        {
            var folderAt = resource.LastIndexOf(ResourceFolder, StringComparison.Ordinal);
            if (folderAt < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[(folderAt + ResourceFolder.Length)..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Migration '{fileName}' must be named NNNN_description.sql (digits, underscore, lower-case name).");
            }

            migrations.Add(Read(assembly, resource, int.Parse(match.Groups["version"].ValueSpan, provider: null),
                match.Groups["name"].Value));
        }

        migrations.Sort((left, right) => left.Version.CompareTo(right.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Migrations {migrations[i - 1]} and {migrations[i]} share version {migrations[i].Version}.");
            }
        }

        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource, int version, string name)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be opened.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

        // Line endings depend on how the file was checked out; the checksum must not.
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new Migration(version, name, sql, checksum);
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
