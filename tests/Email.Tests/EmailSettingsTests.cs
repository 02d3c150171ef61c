using Microsoft.Extensions.Options;
using Shop.Grains.Email;
using Shop.Silo.Email;

namespace Shop.Email.Tests;

/// <summary>Settings that could only fail later (at the first mail, or by a cut-off delivery) are refused at start.</summary>
public sealed class EmailSettingsTests
{
    [Fact]
    public void The_defaults_are_valid_and_a_delivery_fits_in_the_grain_call_budget()
    {
        var options = new EmailOptions();

        Assert.True(new EmailOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.HoldLimit + EmailOptionsValidator.LongestSend(options.Resilience) <= EmailOptionsValidator.DeliveryBudget);
    }

    [Fact]
    public void A_hold_and_sends_that_could_outlast_the_grain_call_are_refused()
    {
        var options = new EmailOptions
        {
            HoldLimit = TimeSpan.FromSeconds(15),
            Resilience = new EmailResilienceOptions { RetryAttempts = 3, AttemptTimeout = TimeSpan.FromSeconds(5) },
        };

        var result = new EmailOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("HoldLimit", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_values_are_refused_at_both_levels()
    {
        var options = new EmailOptions { MaxAttempts = 0, Resilience = new EmailResilienceOptions { MinimumThroughput = 1 } };

        var result = new EmailOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(nameof(EmailOptions.MaxAttempts), result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(EmailResilienceOptions.MinimumThroughput), result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smtp.example.com", "mailer", null, "Username and Email:Smtp:Password")]
    [InlineData("smtp.example.com", null, null, null)]
    [InlineData(null, null, null, null)]
    public void Smtp_settings_are_checked_when_a_host_is_set(string? host, string? username, string? password, string? failure)
    {
        var options = new EmailSenderOptions
        {
            PickupDirectory = "/tmp/mail",
            Smtp = new SmtpOptions { Host = host, Username = username, Password = password },
        };

        var result = new EmailSenderOptionsValidator().Validate(null, options);

        Assert.Equal(failure is null, result.Succeeded);
        if (failure is not null)
        {
            Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_sender_address_that_is_not_an_address_is_refused()
    {
        var options = new EmailSenderOptions { PickupDirectory = "/tmp/mail", Smtp = new SmtpOptions { From = "not an address" } };

        Assert.True(new EmailSenderOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void The_password_is_not_part_of_what_the_smtp_settings_print()
    {
        var smtp = new SmtpOptions { Host = "smtp.example.com", Username = "mailer", Password = "s3cret-pass" };

        Assert.DoesNotContain("s3cret-pass", smtp.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pickup_sender_writes_one_whole_eml_file_per_mail_named_after_the_job_with_unfolded_headers()
    {
        var directory = Directory.CreateTempSubdirectory("shop-pickup-");
        try
        {
            await using var sender = new PickupDirectoryEmailSender(
                Options.Create(new EmailSenderOptions { PickupDirectory = directory.FullName }), TimeProvider.System);
            var message = new EmailMessage
            {
                To = "ada.lovelace.of.the.analytical.engine@example.com",
                ToName = "Augusta Ada King, Countess of Lovelace, née Byron",
                Subject = "Welcome to the shop",
                TextBody = "Welcome, Ada!",
                Kind = WelcomeEmail.Kind,
                Key = 42,
                MessageId = "welcome.42@shop",
            };

            await sender.SendAsync(message, CancellationToken.None);
            await sender.SendAsync(message, CancellationToken.None);

            var files = directory.GetFiles();
            Assert.Equal(2, files.Length);
            Assert.All(files, file =>
            {
                Assert.StartsWith("welcome-42-", file.Name, StringComparison.Ordinal);
                Assert.EndsWith(".eml", file.Name, StringComparison.Ordinal);
                var text = File.ReadAllText(file.FullName);
                // One line per header, however long, so "grep ^To:" finds the address.
                var to = Assert.Single(text.Split("\r\n"), line => line.StartsWith("To:", StringComparison.Ordinal));
                Assert.EndsWith("<ada.lovelace.of.the.analytical.engine@example.com>", to, StringComparison.Ordinal);
                Assert.Contains("Message-Id: <welcome.42@shop>", text, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("Welcome, Ada!", text, StringComparison.Ordinal);
            });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
