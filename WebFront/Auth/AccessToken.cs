namespace Shop.WebFront.Auth;

/// <summary>A signed access token and how long it is good for.</summary>
public sealed record AccessToken(string Token, TimeSpan Lifetime)
{
    // Never print the token itself into a log that formats this object.
    public override string ToString() => $"AccessToken {{ Lifetime = {Lifetime} }}";
}
