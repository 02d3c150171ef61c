namespace Shop.Grains.Identity;

/// <summary>A run of ids, <c>[Start, Start + Count)</c>, handed to one allocator and to no one else, ever.</summary>
[GenerateSerializer, Immutable, Alias("shop.id-block.v1")]
public sealed record IdBlock
{
    [Id(0)] public required long Start { get; init; }

    [Id(1)] public required int Count { get; init; }
}
