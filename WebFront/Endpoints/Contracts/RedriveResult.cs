namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>How many dead letters went back into their queues as fresh jobs.</summary>
public sealed record RedriveResult
{
    public required int Redriven { get; init; }
}
