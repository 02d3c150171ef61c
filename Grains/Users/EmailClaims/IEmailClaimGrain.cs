namespace Shop.Grains.Users.EmailClaims;

/// <summary>
/// Who holds one e-mail address, keyed by <see cref="EmailAddress.Normalize"/>. A user claims the address before
/// storing it and confirms after, so two concurrent sign-ups with one address can never both succeed.
/// </summary>
[Alias("shop.IEmailClaimGrain")]
public interface IEmailClaimGrain : IGrainWithStringKey
{
    /// <returns>True when <paramref name="userId"/> now holds the address (or already did).</returns>
    [Alias("claim")]
    Task<bool> TryClaimAsync(long userId);

    [Alias("confirm")]
    Task ConfirmAsync(long userId);

    /// <summary>Frees the address if <paramref name="userId"/> holds it; otherwise does nothing.</summary>
    [Alias("release")]
    Task ReleaseAsync(long userId);

    /// <returns>The holder's id (confirmed or not), or null. The caller checks the user really has the address.</returns>
    [Alias("owner")]
    Task<long?> GetOwnerAsync();
}
