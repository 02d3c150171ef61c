using System.Collections.Concurrent;
using System.Text;
using Orleans.Providers;

namespace Shop.WebFront.Tests.Fixtures;

/// <summary>
/// Every stream event the test silo's memory streams carried, as the serialized bytes that went onto the queue
/// (read as UTF-8, which is how Orleans writes strings), so a test can look for text that must never be published.
/// </summary>
public sealed class CapturedStreamEvents
{
    private readonly ConcurrentQueue<string> _payloads = new();

    public IReadOnlyCollection<string> Payloads => _payloads;

    public void Add(ReadOnlySpan<byte> payload) => _payloads.Enqueue(Encoding.UTF8.GetString(payload));
}

/// <summary>Sees each message as it is handed to a memory stream queue, whichever grain published it.</summary>
public sealed class StreamEventRecorder(CapturedStreamEvents events) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var i = 0; i < context.Request.GetArgumentCount(); i++)
        {
            if (context.Request.GetArgument(i) is MemoryMessageData message)
            {
                events.Add(message.Payload);
            }
        }

        return context.Invoke();
    }
}
