using System.ComponentModel;
using Shop.Grains.Interfaces.Jobs;

namespace Shop.WebFront.Endpoints.Contracts;

/// <summary>A background job (e.g. a welcome e-mail) that used all its delivery attempts.</summary>
public sealed record DeadLetter
{
    [Description("Pass to POST /api/admin/dead-letters/{id}/redrive to try the job again.")]
    public required Guid Id { get; init; }

    [Description("The kind of event, e.g. shop.users (welcome e-mail) or shop.orders (order confirmation).")]
    public string? StreamNamespace { get; init; }

    [Description("The id of the user or order the event is about.")]
    public required string StreamKey { get; init; }

    public required int Attempts { get; init; }

    public string? LastError { get; init; }

    public required DateTimeOffset EnqueuedAt { get; init; }

    public required DateTimeOffset DeadLetteredAt { get; init; }

    public static DeadLetter From(DeadLetterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new()
        {
            Id = view.Id,
            StreamNamespace = view.StreamNamespace,
            StreamKey = view.StreamKey,
            Attempts = view.Attempts,
            LastError = view.LastError,
            EnqueuedAt = view.EnqueuedAt,
            DeadLetteredAt = view.DeadLetteredAt,
        };
    }
}
