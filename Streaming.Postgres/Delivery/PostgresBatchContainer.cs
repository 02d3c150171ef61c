using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Shop.Streaming.Postgres;

/// <summary>
/// One leased row as Orleans' pulling agent sees it. The cache hands the same instance back on acknowledgement, so
/// the receipt travels with the events; consumers only see the events and the sequence token.
/// </summary>
[GenerateSerializer, Alias("shop.streams.batch.v1")]
internal sealed class PostgresBatchContainer(
    StreamId streamId,
    List<object> events,
    Dictionary<string, object>? requestContext,
    EventSequenceTokenV2 sequenceToken) : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; } = streamId;

    [Id(1)] public List<object> Events { get; } = events;

    [Id(2)] public Dictionary<string, object>? RequestContext { get; } = requestContext;

    [Id(3)] public EventSequenceTokenV2 Token { get; } = sequenceToken;

    public StreamSequenceToken SequenceToken => Token;

    /// <summary>The lease id of the row: acknowledging the message needs it.</summary>
    [Id(4)] public Guid Receipt { get; init; }

    /// <summary>Which delivery attempt this is, starting at 1.</summary>
    [Id(5)] public int Attempt { get; init; }

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events
            .Select((item, index) => (item, index))
            .Where(entry => entry.item is T)
            .Select(entry => Tuple.Create((T)entry.item, (StreamSequenceToken)Token.CreateSequenceTokenForEvent(entry.index)));

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    public override string ToString() => $"[{nameof(PostgresBatchContainer)}:Stream={StreamId},#Items={Events.Count},Token={Token}]";
}
