namespace Shop.Streaming.Postgres;

/// <summary>
/// What a row's payload holds. Serialized with Orleans' serializer, so events are stored by their type aliases and
/// never by assembly-qualified names; the sequence token and receipt are the row's, not the payload's.
/// </summary>
[GenerateSerializer, Alias("shop.streams.message.v1")]
internal sealed record StreamMessageBody(
    [property: Id(0)] StreamId StreamId,
    [property: Id(1)] List<object> Events,
    [property: Id(2)] Dictionary<string, object>? RequestContext);
