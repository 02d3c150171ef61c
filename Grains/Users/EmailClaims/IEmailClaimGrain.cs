namespace Shop.Grains.Users.EmailClaims;

/// <summary>
/// Who holds one e-mail address, keyed by <see cref="EmailAddress.Normalize"/>. A user claims the address before
/// storing it and confirms after, so two concurrent sign-ups with one address can never both succeed.
/// </summary>
[Alias("shop.IEmailClaimGrain")]
public interface IEmailClaimGrain : IGrainWithStringKey
{
    /// <param name="userId">The claimant.</param>
    /// <param name="requestKey">The sign-up's idempotency record key, or null.</param>
    /// <returns>True when <paramref name="userId"/> now holds the address (or already did).</returns>
    /// <exception cref="Interfaces.Errors.DomainException">
    /// <see cref="Interfaces.Errors.DomainErrorCode.RequestInProgress"/>: an earlier attempt of the same keyed request
    /// holds the address and has not stored its user yet (cut off, or still running); it may yet, so the address
    /// stays with it until its hold runs out.
    /// </exception>
    // A new alias: the call's arguments changed, and a silo of the previous version must not receive it.
    [Alias("claim-for-request")]
    Task<bool> TryClaimAsync(long userId, string? requestKey);

    [Alias("confirm")]
    Task ConfirmAsync(long userId);

    /// <summary>Frees the address if <paramref name="userId"/> holds it; otherwise does nothing.</summary>
    [Alias("release")]
    Task ReleaseAsync(long userId);

    /// <returns>The holder's id (confirmed or not), or null. The caller checks the user really has the address.</returns>
    [Alias("owner")]
    Task<long?> GetOwnerAsync();
}
