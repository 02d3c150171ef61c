using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly.Timeout;
using Shop.Grains.Interfaces.Errors;

namespace Shop.WebFront.Orleans;

/// <summary>
/// The failures that mean "try again later" (no silo answered, or the silo could not reach PostgreSQL), as opposed
/// to a refusal by a grain.
/// </summary>
internal static class ClusterFailures
{
    public static bool IsUnavailable(Exception exception) => exception is
        OrleansMessageRejectionException // includes SiloUnavailableException
        or ConnectionFailedException
        or GatewayTooBusyException
        or TimeoutException
        or TimeoutRejectedException
        or StorageUnavailableException;
}
