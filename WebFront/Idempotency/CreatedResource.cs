namespace Shop.WebFront.Idempotency;

/// <summary>What a create endpoint answers: the body, where it lives and its entity tag.</summary>
public sealed record CreatedResource<T>(T Body, string Location, string ETag);
