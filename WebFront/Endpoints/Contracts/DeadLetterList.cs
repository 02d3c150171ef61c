namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>Dead letters, newest first.</summary>
public sealed record DeadLetterList
{
    public required IReadOnlyList<DeadLetter> Items { get; init; }
}
