namespace Shop.Grains.Interfaces.Errors;

/// <summary>One problem with one input field, e.g. <c>("email", "must be a valid e-mail address")</c>.</summary>
[GenerateSerializer, Immutable, Alias("shop.field-error.v1")]
public sealed record FieldError
{
    public FieldError(string field, string message)
    {
        Field = field;
        Message = message;
    }

    [Id(0)] public string Field { get; init; }

    [Id(1)] public string Message { get; init; }
}
