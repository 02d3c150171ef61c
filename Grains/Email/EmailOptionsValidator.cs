using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Shop.Grains.Email;

/// <summary>Checks both levels of <see cref="EmailOptions"/> and that one delivery cannot outlast its grain call.</summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    /// <summary>What a delivery may take at most: Orleans' default response timeout is 30 s, minus a margin.</summary>
    public static readonly TimeSpan DeliveryBudget = TimeSpan.FromSeconds(25);

    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        Validator.TryValidateObject(options.Resilience, new ValidationContext(options.Resilience), results, validateAllProperties: true);
        var failures = results.Select(result => $"Email: {result.ErrorMessage}").ToList();

        var longest = options.HoldLimit + LongestSend(options.Resilience);
        if (longest > DeliveryBudget)
        {
            failures.Add(
                $"Email: HoldLimit plus the longest send ({longest}) must not exceed {DeliveryBudget}; shorten " +
                "HoldLimit, Resilience:AttemptTimeout, Resilience:RetryAttempts or Resilience:RetryDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every try timing out, with the doubling waits between them.</summary>
    public static TimeSpan LongestSend(EmailResilienceOptions resilience)
    {
        ArgumentNullException.ThrowIfNull(resilience);
        var waits = TimeSpan.Zero;
        for (var retry = 0; retry < resilience.RetryAttempts; retry++)
        {
            waits += resilience.RetryDelay * Math.Pow(2, retry);
        }

        return resilience.AttemptTimeout * (resilience.RetryAttempts + 1) + waits;
    }
}
