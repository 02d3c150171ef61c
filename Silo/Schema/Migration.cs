namespace Shop.Silo.Schema;

/// <summary>One versioned SQL script shipped inside the silo or a provider it hosts. <see cref="Checksum"/> detects edits after release.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum)
{
    public override string ToString() => $"{Version:D4}_{Name}";
}
