namespace Shop.Feed.Client;

/// <summary>
/// How many of the feed's partitions one instance of a group should hold: the partitions split evenly over the live
/// instances, the first ones in instance-id order taking one more where they do not divide. Every instance computes it
/// alone from the same member list, so the shares add up to the partition count without any instance deciding for the
/// others; while the list changes, shares may briefly overlap or leave a partition free, and the next rounds settle.
/// </summary>
internal static class PartitionShare
{
    public static int Of(string instance, IEnumerable<string> liveInstances, int partitions)
    {
        var members = liveInstances.Append(instance).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rank = members.IndexOf(instance);
        return partitions / members.Count + (rank < partitions % members.Count ? 1 : 0);
    }
}
