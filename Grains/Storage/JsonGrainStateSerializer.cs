using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Grains.Storage;

/// <summary>
/// Grain state as UTF-8 JSON through System.Text.Json's source-generated contexts, so that a stored row
/// reads as the state it holds (property names are the states' <c>JsonPropertyName</c>s: never rename them).
/// Used by both providers: the project's SQLite store and Orleans' ADO.NET storage on PostgreSQL.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private readonly JsonSerializerOptions _options;

    public JsonGrainStateSerializer(params IJsonTypeInfoResolver[] resolvers)
    {
        _options = new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine(resolvers) };
        _options.MakeReadOnly();
    }

    public BinaryData Serialize<T>(T? input) =>
        new(JsonSerializer.SerializeToUtf8Bytes(input, (JsonTypeInfo<T?>)_options.GetTypeInfo(typeof(T))));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize(input.ToMemory().Span, (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T)))!;
    }
}
