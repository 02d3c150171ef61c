namespace Shop.Streaming.Postgres;

/// <summary>A row as a lease returns it: the payload is still serialized.</summary>
internal sealed record LeasedRow(Guid Id, long Seq, Guid Receipt, int Attempt, byte[] Payload);
