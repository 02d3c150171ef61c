using Shop.Feed.Client;

namespace Shop.Integration.Tests.Feed;

/// <summary>How the instances of a group split the partitions, each computing its own share from the same members.</summary>
public sealed class PartitionShareTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(16)]
    public void The_shares_of_all_live_instances_add_up_to_every_partition_and_differ_by_one_at_most(int instances)
    {
        var members = Enumerable.Range(0, instances).Select(i => $"instance-{i:D2}").ToList();

        var shares = members.Select(member => PartitionShare.Of(member, members, FeedPartitions.Count)).ToList();

        Assert.Equal(FeedPartitions.Count, shares.Sum());
        Assert.True(shares.Max() - shares.Min() <= 1, string.Join(',', shares));
    }

    [Fact]
    public void Instances_beyond_the_partition_count_stand_by()
    {
        var members = Enumerable.Range(0, FeedPartitions.Count + 2).Select(i => $"instance-{i:D2}").ToList();

        var shares = members.Select(member => PartitionShare.Of(member, members, FeedPartitions.Count)).ToList();

        Assert.Equal(Enumerable.Repeat(1, FeedPartitions.Count).Concat([0, 0]), shares);
    }

    [Fact]
    public void An_instance_missing_from_the_member_list_still_counts_itself()
    {
        Assert.Equal(8, PartitionShare.Of("b", ["a"], FeedPartitions.Count));
    }
}
