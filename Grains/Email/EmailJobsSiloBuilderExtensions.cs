using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.ServiceDefaults;

namespace Shop.Grains.Email;

public static class EmailJobsSiloBuilderExtensions
{
    /// <summary>
    /// What the e-mail job grains need, except the <see cref="IEmailSender"/> (the host picks one) and the
    /// <c>jobs</c> stream provider they consume from.
    /// </summary>
    public static ISiloBuilder AddEmailJobs(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddValidatedOptions<EmailOptions, EmailOptionsValidator>(EmailOptions.Section);
        services.TryAddSingleton<EmailJobMetrics>();
        // Resolved with the silo, not on the first job, so the counters' zeros are exported from start-up.
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<EmailJobMetrics>());
        services.TryAddSingleton<EmailDelivery>();
        services.TryAddSingleton<EmailCircuitGauge>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<EmailCircuitGauge>());
        services.TryAddSingleton<EmailJobRunner>();
        return silo;
    }
}
