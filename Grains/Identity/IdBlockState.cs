namespace Shop.Grains.Identity;

[GenerateSerializer, Alias("shop.id-block-state.v1")]
public sealed record IdBlockState
{
    /// <summary>The first id not yet handed out. Ids start at 1 so 0 never means a real entity.</summary>
    [Id(0)] public long Next { get; init; } = 1;
}
