namespace Shop.WebFront.Tests.Fixtures;

/// <summary>What a WebFront needs to reach a cluster through its documented settings: a gateway on localhost and the cluster's ids.</summary>
public interface IClusterGateway
{
    int GatewayPort { get; }

    string ClusterId { get; }

    string ServiceId { get; }
}
