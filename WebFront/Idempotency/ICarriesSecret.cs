namespace Shop.WebFront.Idempotency;

/// <summary>A request body that holds a secret (a password), so its stored fingerprint must be a slow hash.</summary>
public interface ICarriesSecret;
