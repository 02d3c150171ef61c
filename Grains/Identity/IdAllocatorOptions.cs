using System.ComponentModel.DataAnnotations;

namespace Shop.Grains.Identity;

public sealed class IdAllocatorOptions
{
    public const string Section = "Ids";

    /// <summary>Ids each silo takes from PostgreSQL at a time; a crash skips at most this many.</summary>
    [Range(1, 1_000_000)]
    public int BlockSize { get; set; } = 100;
}
