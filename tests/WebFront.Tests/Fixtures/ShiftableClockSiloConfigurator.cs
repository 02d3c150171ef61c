using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>Like <see cref="ShopSiloConfigurator"/>, with a clock the test can move forward.</summary>
public sealed class ShiftableClockSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        // Registered first: the grains' own registration only adds a clock when none is there.
        siloBuilder.Services.AddSingleton<ShiftableTimeProvider>();
        siloBuilder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ShiftableTimeProvider>());
        new ShopSiloConfigurator().Configure(siloBuilder);
    }
}
