using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Shop.Feed.Client;

/// <summary>Where a reader or a new consumer group begins: the start of retention, a time, or after a saved position.</summary>
public abstract record FeedStart
{
    private FeedStart()
    {
    }

    /// <summary>The oldest event still retained.</summary>
    public static FeedStart Beginning { get; } = new FromBeginning();

    /// <summary>The first event that occurred at or after <paramref name="time"/>.</summary>
    public static FeedStart At(DateTimeOffset time) => new FromTime(time);

    /// <summary>The events after <paramref name="position"/>, the last one handled.</summary>
    public static FeedStart After(FeedPosition position) => new AfterPosition(position);

    /// <summary><c>start</c>, an ISO 8601 time (UTC unless it has an offset), or a position (<c>tx:sequence</c>).</summary>
    public static FeedStart Parse(string text) => TryParse(text, out var start)
        ? start
        : throw new FormatException($"'{text}' is neither 'start', an ISO 8601 time nor a feed position (tx:sequence).");

    public static bool TryParse(string? text, [NotNullWhen(true)] out FeedStart? start)
    {
        start = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (string.Equals(text.Trim(), "start", StringComparison.OrdinalIgnoreCase))
        {
            start = Beginning;
        }
        else if (FeedPosition.TryParse(text, out var position))
        {
            start = After(position);
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            start = At(time);
        }

        return start is not null;
    }

    internal sealed record FromBeginning : FeedStart;

    internal sealed record FromTime(DateTimeOffset Time) : FeedStart;

    internal sealed record AfterPosition(FeedPosition Position) : FeedStart;
}
