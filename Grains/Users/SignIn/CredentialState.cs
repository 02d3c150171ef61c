namespace Shop.Grains.Users.SignIn;

/// <summary>
/// What PostgreSQL keeps of a user's credentials (a <c>user_credentials</c> row, migration 0013). Immutable so a change
/// is a new value swapped in after it is stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("shop.credential-state.v1")]
public sealed record CredentialState
{
    [Id(0)] public string PasswordHash { get; init; } = "";

    [Id(1)] public SignInState SignIn { get; init; } = new();

    // Records print every member; the hash and the sessions' hashes must never reach a log.
    public override string ToString() => "CredentialState { }";
}
