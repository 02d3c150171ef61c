using Microsoft.Extensions.Options;
using Shop.Grains.Interfaces.Auth;
using Shop.Grains.Interfaces.Errors;
using Shop.Grains.Interfaces.Users;

namespace Shop.Silo.Auth;

/// <summary>
/// Once the silo is active, makes sure the configured operator account exists and has the operator role. Several
/// silos may do this at once: the address's unique key lets one create it, the others find it. An existing account keeps
/// its password.
/// </summary>
public sealed partial class OperatorAccountSeeder(
    IGrainFactory grains,
    IOptions<OperatorAccountOptions> options,
    ILogger<OperatorAccountSeeder> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OperatorAccountSeeder), ServiceLifecycleStage.Active, SeedAsync, _ => Task.CompletedTask);

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var account = options.Value;
        if (!account.IsConfigured)
        {
            return;
        }

        var directory = grains.GetGrain<IUserDirectoryGrain>(0);
        var user = await directory.FindByEmailAsync(account.Email!);
        if (user is null)
        {
            try
            {
                user = await directory.CreateUserAsync(new CreateUser { Email = account.Email!, Password = account.Password!, Name = "Operator" });
            }
            catch (DomainException error) when (error.Code == DomainErrorCode.EmailTaken)
            {
                user = await directory.FindByEmailAsync(account.Email!);
            }
        }

        if (user is not null && !user.Roles.Contains(Roles.Operator))
        {
            await grains.GetGrain<IUserGrain>(user.Id).GrantRoleAsync(Roles.Operator);
            LogOperatorSeeded(logger, user.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator account {UserId} has the operator role")]
    private static partial void LogOperatorSeeded(ILogger logger, long userId);
}
