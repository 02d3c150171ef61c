namespace Shop.Bench.StreamCompare;

/// <summary>One event of the comparison: which of the producer's streams it is on and its place in that stream.</summary>
[GenerateSerializer, Immutable, Alias("bench.compare.event")]
public sealed record CompareEvent([property: Id(0)] int Stream, [property: Id(1)] long Sequence);
