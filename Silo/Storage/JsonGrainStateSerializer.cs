using System.Text.Json;
using Orleans.Storage;

namespace Shop.Silo.Storage;

/// <summary>
/// Stores grain state as plain snake_case JSON without type names, so renaming or moving a class never makes stored
/// rows unreadable, and an operator can read a row with psql. The state type always comes from the grain.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public BinaryData Serialize<T>(T? input) => BinaryData.FromObjectAsJson(input, Options);

    public T Deserialize<T>(BinaryData input) => input.ToObjectFromJson<T>(Options)!;
}
