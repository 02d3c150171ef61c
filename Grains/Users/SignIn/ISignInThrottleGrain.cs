namespace Shop.Grains.Users.SignIn;

/// <summary>One client's sign-in attempts at one e-mail address (key: <see cref="SignInLockout.ThrottleKey"/>).</summary>
[Alias("shop.ISignInThrottleGrain")]
public interface ISignInThrottleGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts an attempt as a failure until <see cref="RecordSuccessAsync"/> says otherwise, so parallel guesses all
    /// count, and answers how long to wait before checking the password, or null when this client is refused.
    /// </summary>
    [Alias("admit")]
    Task<TimeSpan?> AdmitAsync();

    [Alias("record-success")]
    Task RecordSuccessAsync();
}
