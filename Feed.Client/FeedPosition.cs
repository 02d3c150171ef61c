using System.Globalization;

namespace Shop.Feed.Client;

/// <summary>
/// A place in the order feed: the writer's transaction id and the row's sequence number, compared in that order. The
/// feed is walked by transaction first because only finished transactions can be read without leaving a gap (see
/// migration 0008); store it as its text form, <c>tx:sequence</c>, and resume after it.
/// </summary>
public readonly record struct FeedPosition(long Transaction, long Sequence) : IComparable<FeedPosition>
{
    /// <summary>Before every event.</summary>
    public static FeedPosition Start { get; }

    public int CompareTo(FeedPosition other)
    {
        var byTransaction = Transaction.CompareTo(other.Transaction);
        return byTransaction != 0 ? byTransaction : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(FeedPosition left, FeedPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(FeedPosition left, FeedPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(FeedPosition left, FeedPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(FeedPosition left, FeedPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Transaction}:{Sequence}");

    public static bool TryParse(string? text, out FeedPosition position)
    {
        position = default;
        var parts = text?.Trim().Split(':');
        if (parts is not [var transaction, var sequence]
            || !long.TryParse(transaction, NumberStyles.None, CultureInfo.InvariantCulture, out var tx)
            || !long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        position = new FeedPosition(tx, seq);
        return true;
    }

    public static FeedPosition Parse(string text) => TryParse(text, out var position)
        ? position
        : throw new FormatException($"'{text}' is not a feed position (tx:sequence).");
}
