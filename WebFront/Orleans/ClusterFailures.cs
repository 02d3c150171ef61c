using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly.Timeout;

namespace Shop.WebFront.Orleans;

/// <summary>The failures that mean "no silo answered", as opposed to a refusal by a grain.</summary>
internal static class ClusterFailures
{
    public static bool IsUnavailable(Exception exception) => exception is
        OrleansMessageRejectionException // includes SiloUnavailableException
        or ConnectionFailedException
        or GatewayTooBusyException
        or TimeoutException
        or TimeoutRejectedException;
}
