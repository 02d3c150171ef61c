namespace Shop.Silo.Schema;

/// <summary>Where the database's schema stands compared with the migrations this build carries.</summary>
public sealed record SchemaStatus(int DatabaseVersion, int CodeVersion, int PendingMigrations)
{
    public bool IsUpToDate => PendingMigrations == 0 && DatabaseVersion == CodeVersion;

    public bool IsNewerThanCode => DatabaseVersion > CodeVersion;
}
