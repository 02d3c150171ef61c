namespace Shop.Grains.Identity;

/// <summary>Hands out id blocks. Keyed by sequence name; users and orders share <see cref="SharedSequence"/>.</summary>
[Alias("shop.IIdBlockGrain")]
public interface IIdBlockGrain : IGrainWithStringKey
{
    const string SharedSequence = "shop";

    [Alias("reserve")]
    Task<IdBlock> ReserveAsync(int count);
}
