using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Shop.ServiceDefaults;

/// <summary>
/// The one way the shop registers a settings class: bound from its configuration section and checked when the host
/// starts, so a bad value stops start-up instead of failing the first request that reads it.
/// </summary>
/// <remarks>
/// It lives here because this is the one project that every project registering options can reference: Silo and
/// WebFront are hosts and reference it already, and Grains references it for this alone (Grains.Interfaces, the
/// other shared project, is the contract other services take as a package, where hosting helpers do not belong).
/// Grains only ever runs inside the silo, which loads this assembly anyway; the cost is that Grains and its test
/// projects compile against ASP.NET Core and OpenTelemetry, which they do not use.
/// </remarks>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and checks its data annotations at start-up.
    /// Returns the builder, so a registration can add checks (<c>Validate</c>) or derived values (<c>PostConfigure</c>).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and checks it at start-up with
    /// <typeparamref name="TValidator"/> alone, which owns every rule (its annotations too, where it wants them with
    /// messages of its own).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
