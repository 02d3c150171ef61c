namespace Shop.Grains.Interfaces.Errors;

/// <summary>The closed set of failures a grain reports to callers; the front end maps each to one HTTP status.</summary>
public enum DomainErrorCode
{
    Validation = 0,
    NotFound = 1,
    EmailTaken = 2,
    InvalidTransition = 3,
    Conflict = 4,
    PreconditionFailed = 5,
    IdempotencyKeyReused = 6,

    // 7 was RequestInProgress, while an address was claimed by a grain of its own; not reused.

    /// <summary>
    /// A create carrying an <c>IdempotencyTicket</c> stored nothing: the key already has a record. Ask the key's
    /// <c>IIdempotencyGrain.RecallAsync</c> for the first request's answer.
    /// </summary>
    IdempotencyKeyHeld = 8,
}
