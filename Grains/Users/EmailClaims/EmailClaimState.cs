namespace Shop.Grains.Users.EmailClaims;

[GenerateSerializer, Immutable, Alias("shop.email-claim-state.v1")]
public sealed record EmailClaimState
{
    [Id(0)] public long OwnerId { get; init; }

    [Id(1)] public bool Confirmed { get; init; }

    [Id(2)] public DateTimeOffset ClaimedAt { get; init; }

    /// <summary>The sign-up request's idempotency record key (<see cref="Interfaces.Users.CreateUser.RequestKey"/>), if it had one.</summary>
    [Id(3)] public string? RequestKey { get; init; }
}
