namespace Shop.Streaming.Tests;

/// <summary>An event for the tests; <see cref="FailTimes"/> tells the test consumer how many deliveries to reject.</summary>
[GenerateSerializer, Immutable, Alias("tests.streaming.event.v1")]
public sealed record TestEvent([property: Id(0)] string Id, [property: Id(1)] int FailTimes = 0);
