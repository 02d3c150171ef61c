namespace Shop.Grains.Storage;

/// <summary>The grain storage every stored grain of the shop names: the silo registers it under this name.</summary>
public static class ShopStorage
{
    public const string Name = "store";
}
