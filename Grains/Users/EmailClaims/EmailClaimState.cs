namespace Shop.Grains.Users.EmailClaims;

[GenerateSerializer, Immutable, Alias("shop.email-claim-state.v1")]
public sealed record EmailClaimState
{
    [Id(0)] public long OwnerId { get; init; }

    [Id(1)] public bool Confirmed { get; init; }

    [Id(2)] public DateTimeOffset ClaimedAt { get; init; }
}
