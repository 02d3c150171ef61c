using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.ServiceDefaults;

namespace Shop.Grains.Idempotency;

public static class IdempotencySiloBuilderExtensions
{
    /// <summary>
    /// Registers what <see cref="IdempotencyGrain"/> needs besides grain storage "store".
    /// </summary>
    public static ISiloBuilder AddIdempotency(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddValidatedOptions<IdempotencyOptions>(IdempotencyOptions.SectionName)
            .Validate(o => o.Retention > TimeSpan.Zero, "Idempotency:Retention must be positive.")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Idempotency:SweepInterval must be positive.");
        return builder;
    }
}
