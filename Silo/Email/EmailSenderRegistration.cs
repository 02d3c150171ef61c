using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Shop.Grains.Email;
using Shop.ServiceDefaults;
using Shop.Silo.Hosting;

namespace Shop.Silo.Email;

public static class EmailSenderRegistration
{
    /// <summary>
    /// The <see cref="IEmailSender"/> of this silo: SMTP when <c>Email:Smtp:Host</c> is set, otherwise the pickup folder
    /// (<c>Email:PickupDirectory</c>, default <c>mail/</c> under <c>Silo:DataDirectory</c>).
    /// </summary>
    public static ISiloBuilder AddShopEmailSender(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<EmailSenderOptions, EmailSenderOptionsValidator>(EmailSenderOptions.Section)
            .PostConfigure<IOptions<SiloDataOptions>, IHostEnvironment>((email, data, environment) =>
            {
                var dataDirectory = data.Value.FullDataDirectory(environment.ContentRootPath);
                email.PickupDirectory = string.IsNullOrWhiteSpace(email.PickupDirectory)
                    ? Path.Combine(dataDirectory, "mail")
                    : Path.GetFullPath(Path.Combine(environment.ContentRootPath, email.PickupDirectory));
            });
        services.AddSingleton<IEmailSender>(provider =>
            provider.GetRequiredService<IOptions<EmailSenderOptions>>().Value.UsesSmtp
                ? ActivatorUtilities.CreateInstance<SmtpEmailSender>(provider)
                : ActivatorUtilities.CreateInstance<PickupDirectoryEmailSender>(provider));
        services.AddHostedService<EmailSenderAnnouncement>();
        return silo;
    }
}
