namespace Shop.TestSupport;

/// <summary>The PostgreSQL server programs the fixture needs, found where Debian/Ubuntu packages put them.</summary>
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public const string InstallHint = "apt-get install -y postgresql";

    public static PostgresBinaries Find()
    {
        foreach (var directory in CandidateDirectories())
        {
            var initDb = Path.Combine(directory, "initdb");
            var pgCtl = Path.Combine(directory, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initDb, pgCtl);
            }
        }

        // Failing (not skipping) keeps CI honest: a run without PostgreSQL must not look green.
        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb and pg_ctl) were not found on PATH, in /usr/local/bin or in " +
            $"/usr/lib/postgresql/*/bin. The integration tests need a real PostgreSQL: install it with `{InstallHint}`.");
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return directory;
        }

        yield return "/usr/local/bin";

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            yield break;
        }

        var versions = Directory.GetDirectories(debianRoot)
            .Select(directory => (Directory: directory, Version: int.TryParse(Path.GetFileName(directory), out var v) ? v : 0))
            .OrderByDescending(candidate => candidate.Version);
        foreach (var candidate in versions)
        {
            yield return Path.Combine(candidate.Directory, "bin");
        }
    }
}
