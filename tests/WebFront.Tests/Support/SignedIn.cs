namespace Shop.WebFront.Tests.Support;

/// <summary>A user the tests signed in, with the tokens they were given.</summary>
public sealed record SignedIn(long Id, string Email, string AccessToken, string RefreshToken);
