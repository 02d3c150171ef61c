using Orleans.TestingHost;
using Shop.Grains;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>The shop's grains on memory storage, as the embedded default runs them.</summary>
public sealed class ShopSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        siloBuilder.AddMemoryGrainStorage("store");
        siloBuilder.UseInMemoryReminderService();
        siloBuilder.AddShopGrains();
    }
}
