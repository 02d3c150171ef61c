using Microsoft.Extensions.Options;
using MimeKit;

namespace Shop.Silo.Email;

/// <summary>Refuses sender settings that could only fail at the first mail, so a silo fails at start instead.</summary>
public sealed class EmailSenderOptionsValidator : IValidateOptions<EmailSenderOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailSenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var smtp = options.Smtp;
        if (!MailboxAddress.TryParse(smtp.From, out _))
        {
            failures.Add("Email:Smtp:From must be an address such as 'Shop <no-reply@example.com>'.");
        }

        if (options.UsesSmtp)
        {
            if (smtp.Port is < 1 or > 65535)
            {
                failures.Add("Email:Smtp:Port must be between 1 and 65535.");
            }

            if (string.IsNullOrEmpty(smtp.Username) != string.IsNullOrEmpty(smtp.Password))
            {
                failures.Add("Email:Smtp:Username and Email:Smtp:Password must be set together.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            failures.Add("Email:PickupDirectory is required when Email:Smtp:Host is not set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
