using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Actors.Runtime;

namespace Actors.Serialization;

/// <summary>
/// System.Text.Json over the registered source-generated contexts: grain call arguments and results,
/// grain state and journal payloads. A type that no context knows fails loudly at first use.
/// </summary>
internal sealed class GrainSerializer
{
    public GrainSerializer(IEnumerable<GrainSerializerContext> contexts)
    {
        IJsonTypeInfoResolver[] resolvers = [.. contexts.Select(c => (IJsonTypeInfoResolver)c.Context), ActorsJsonContext.Default];
        Options = new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine(resolvers) };
        Options.MakeReadOnly();
    }

    public JsonSerializerOptions Options { get; }

    /// <summary>Writes the arguments as a JSON array.</summary>
    public void WriteArguments(IBufferWriter<byte> output, GrainMethod method, object?[]? arguments)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        for (var i = 0; i < method.ParameterTypes.Count; i++)
        {
            JsonSerializer.Serialize(writer, arguments![i], Options.GetTypeInfo(method.ParameterTypes[i]));
        }

        writer.WriteEndArray();
    }

    public object?[] ReadArguments(GrainMethod method, ReadOnlySpan<byte> json)
    {
        var arguments = new object?[method.ParameterTypes.Count];
        var reader = new Utf8JsonReader(json);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartArray);
        for (var i = 0; i < arguments.Length; i++)
        {
            Expect(reader.Read());
            arguments[i] = JsonSerializer.Deserialize(ref reader, Options.GetTypeInfo(method.ParameterTypes[i]));
        }

        Expect(reader.Read() && reader.TokenType == JsonTokenType.EndArray);
        return arguments;
    }

    public void WriteResult(IBufferWriter<byte> output, GrainMethod method, object? result)
    {
        if (method.ResultType is null)
        {
            return;
        }

        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, result, Options.GetTypeInfo(method.ResultType));
    }

    public object? ReadResult(GrainMethod method, ReadOnlySpan<byte> json) =>
        method.ResultType is null ? null : JsonSerializer.Deserialize(json, Options.GetTypeInfo(method.ResultType));

    public void WriteError(IBufferWriter<byte> output, RemoteError error)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, error, ActorsJsonContext.Default.RemoteError);
    }

    public RemoteError ReadError(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ActorsJsonContext.Default.RemoteError)
            ?? new RemoteError(null, "The remote silo sent an empty error.", null);

    public byte[] SerializeToBytes<T>(T value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));

    public T Deserialize<T>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)))
            ?? throw new JsonException($"Stored {typeof(T).Name} is null.");

    private static void Expect(bool condition)
    {
        if (!condition)
        {
            throw new JsonException("Grain call arguments must be a JSON array of the method's parameters.");
        }
    }
}
