using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using Shop.Grains.Email;
using Shop.Grains.Users.SignIn;
using Shop.TestSupport;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// The shop's grains on memory storage, as the embedded default runs them; sign-in lockout in seconds instead of
/// minutes so tests can see it end, and the silo's log lines and stream events kept in its <see cref="CapturedLogs"/>
/// and <see cref="CapturedStreamEvents"/> services.
/// </summary>
public sealed class ShopSiloConfigurator : ISiloConfigurator
{
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan SlowDownStep = TimeSpan.FromMilliseconds(20);

    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        siloBuilder.AddShopGrainsInMemory();
        siloBuilder.Services.AddSingleton<IEmailSender, CapturedEmails>();
        siloBuilder.Services.PostConfigure<SignInPolicyOptions>(signIn =>
        {
            signIn.LockoutDuration = LockoutDuration;
            signIn.SlowDownStep = SlowDownStep;
        });
        siloBuilder.Services.AddSingleton<CapturedLogs>();
        siloBuilder.Services.AddSingleton<CapturedStreamEvents>();
        siloBuilder.AddIncomingGrainCallFilter<StreamEventRecorder>();
        siloBuilder.Services.AddSingleton<ILoggerProvider, CapturingLoggerProvider>();
        siloBuilder.Services.Configure<LoggerFilterOptions>(filters =>
            filters.AddFilter<CapturingLoggerProvider>(null, CapturingLoggerProvider.Level));
    }
}
