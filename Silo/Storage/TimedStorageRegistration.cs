using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;
using Shop.ServiceDefaults;

namespace Shop.Silo.Storage;

public static class TimedStorageRegistration
{
    /// <summary>
    /// Exposes the provider registered as <paramref name="innerName"/> as <paramref name="name"/>, timed; grains
    /// only ever name <paramref name="name"/>.
    /// </summary>
    public static ISiloBuilder AddTimedGrainStorage(this ISiloBuilder silo, string name, string innerName)
    {
        var services = silo.Services;
        services.AddValidatedOptions<StorageTimingOptions>(StorageTimingOptions.Section);
        services.TryAddSingleton<StorageMetrics>();
        services.TryAddSingleton<StorageTimer>();
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new TimedGrainStorage(
            provider.GetRequiredKeyedService<IGrainStorage>(innerName),
            provider.GetRequiredService<StorageTimer>()));
        return silo;
    }
}
