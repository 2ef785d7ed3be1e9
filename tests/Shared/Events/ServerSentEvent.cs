using System.Text.Json;

namespace Messaging.Testing.Events;

/// <summary>One event of a Server-Sent Events stream, its data parsed as JSON.</summary>
public sealed record ServerSentEvent(string? Id, string Type, JsonElement Data)
{
    public long Cursor => long.Parse(Id!, System.Globalization.CultureInfo.InvariantCulture);

    public string? String(string property) => Data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public long Number(string property) => Data.GetProperty(property).GetInt64();
}
