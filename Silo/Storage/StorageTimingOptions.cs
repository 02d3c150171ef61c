using System.ComponentModel.DataAnnotations;

namespace Shop.Silo.Storage;

public sealed class StorageTimingOptions
{
    public const string Section = "Storage";

    /// <summary>Grain storage operations slower than this are logged as warnings (the seed's 1 s slow-query mark).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan SlowOperationThreshold { get; set; } = TimeSpan.FromSeconds(1);
}
