using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Grains.Email;
using Shop.Grains.Idempotency;
using Shop.Grains.Identity;
using Shop.Grains.Orders;
using Shop.Grains.Storage;
using Shop.Grains.Users;
using Shop.Grains.Users.SignIn;
using Shop.ServiceDefaults;

namespace Shop.Grains;

public static class GrainsSiloBuilderExtensions
{
    /// <summary>Everything the shop's grains need besides a grain storage named "store" and the "jobs" stream provider.</summary>
    public static ISiloBuilder AddShopGrains(this ISiloBuilder silo)
    {
        var services = silo.Services;
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher<CredentialState>, PasswordHasher<CredentialState>>();
        // PBKDF2 work factor (Identity's default, 100,000); benchmarks that create many users may lower it.
        services.AddValidatedOptions<PasswordHasherOptions>("Auth:PasswordHasher")
            .Validate(o => o.IterationCount >= 1_000, "Auth:PasswordHasher:IterationCount must be at least 1000.");
        services.AddSingleton<IdAllocator>();
        // A silo on PostgreSQL registers its table-backed stores first; the embedded default keeps them in a grain.
        services.TryAddSingleton<IOrderStore, EmbeddedOrderStore>();
        services.TryAddSingleton<IUserStore, EmbeddedUserStore>();
        services.TryAddSingleton<ICredentialStore, EmbeddedCredentialStore>();
        services.TryAddSingleton<IIdempotencyStore, EmbeddedIdempotencyStore>();
        services.AddSingleton<SignInDecoy>();
        services.AddValidatedOptions<SignInPolicyOptions>(SignInPolicyOptions.Section);
        services.AddValidatedOptions<IdAllocatorOptions>(IdAllocatorOptions.Section);
        silo.AddIdempotency();
        silo.AddEmailJobs();
        return silo;
    }
}
