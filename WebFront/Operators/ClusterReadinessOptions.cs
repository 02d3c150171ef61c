using System.ComponentModel.DataAnnotations;

namespace Shop.WebFront.Operators;

/// <summary>Bound from <c>Health:Cluster</c>.</summary>
public sealed class ClusterReadinessOptions
{
    public const string Section = "Health:Cluster";

    /// <summary>How long <c>/health/ready</c> waits for the cluster to answer before it reports WebFront not ready.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
