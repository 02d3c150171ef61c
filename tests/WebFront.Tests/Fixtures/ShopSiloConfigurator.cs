using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using Shop.Grains.Email;
using Shop.Grains.Users.SignIn;
using Shop.TestSupport;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// The shop's grains on memory storage, as the embedded default runs them, on a clock a test can move forward
/// (<see cref="ShiftableTimeProvider"/>, a service of the silo), and the silo's log lines and stream events kept in its
/// <see cref="CapturedLogs"/> and <see cref="CapturedStreamEvents"/> services.
/// </summary>
public sealed class ShopSiloConfigurator : ISiloConfigurator
{
    /// <summary>
    /// Ended by moving the silo's clock, not by waiting: long enough that no starved machine reaches its end in real
    /// time while a test still expects the lock, short enough that moving the shared clock past it leaves the silo's
    /// grains alone (they are collected after 15 idle minutes).
    /// </summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan SlowDownStep = TimeSpan.FromMilliseconds(20);

    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        // Registered first: the grains' own registration only adds a clock when none is there.
        siloBuilder.Services.AddSingleton<ShiftableTimeProvider>();
        siloBuilder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ShiftableTimeProvider>());
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
