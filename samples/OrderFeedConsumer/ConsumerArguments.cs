using System.ComponentModel.DataAnnotations;
using Shop.Feed.Client;

namespace Shop.Samples.OrderFeedConsumer;

/// <summary>The command line: <c>--from</c> and <c>--position</c>.</summary>
public sealed class ConsumerArguments : IValidatableObject
{
    /// <summary>Where to begin when <see cref="Position"/> holds no position yet.</summary>
    public string From { get; set; } = "start";

    /// <summary>The file that keeps the position of the last printed event; the next run resumes after it.</summary>
    [Required]
    public string Position { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!FeedStart.TryParse(From, out _))
        {
            yield return new ValidationResult(
                $"--from '{From}' is neither 'start', an ISO 8601 time nor a position (tx:sequence).", [nameof(From)]);
        }
    }
}
