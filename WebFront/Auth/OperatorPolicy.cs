namespace Shop.WebFront.Auth;

/// <summary>
/// The authorization policy of operator endpoints and tools (<c>/dashboard/</c>, <c>/metrics</c>, dead letters...):
/// <c>.RequireAuthorization(OperatorPolicy.Name)</c>. It accepts an access token (JWT bearer) with the operator role,
/// or HTTP Basic credentials of an operator account, so a browser can open the dashboard with its login prompt.
/// </summary>
public static class OperatorPolicy
{
    public const string Name = "operator";

    /// <summary>
    /// Operator-only API calls that change things (ship, deliver, grant a role): bearer tokens only, because a browser
    /// replays cached Basic credentials on cross-site form posts, which would let another site act as the operator.
    /// </summary>
    public const string BearerOnlyName = "operator-bearer";
}
