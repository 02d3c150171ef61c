namespace Shop.Bench.StreamCompare;

/// <summary>Names both providers share, so the consumer and the producer do not depend on which one runs.</summary>
public static class Streams
{
    public const string Provider = "cmp";

    public const string Namespace = "cmp";

    /// <summary>The stream key of producer stream <paramref name="index"/>: stable across the silo's restarts.</summary>
    public static Guid Key(int index) => new(index, 0, 0, new byte[8]);
}
