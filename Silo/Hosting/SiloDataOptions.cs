using System.ComponentModel.DataAnnotations;

namespace Shop.Silo.Hosting;

/// <summary><c>Silo:*</c>: where a silo keeps files of its own (the e-mail pickup folder by default).</summary>
public sealed class SiloDataOptions
{
    public const string Section = "Silo";

    /// <summary>A relative path is taken from the content root; <c>run.sh</c> points it at the repository's <c>.data</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";

    public string FullDataDirectory(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));
}
