using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Grains.Interfaces;

namespace Gateway.Api.Events;

/// <summary>
/// The Server-Sent Events wire format of the stream: <c>id:</c>, <c>event:</c> and one <c>data:</c> line of
/// JSON per event, and comment lines to keep an idle stream open. (ASP.NET Core's own SSE result cannot
/// write comments, which the contract's keep-alive needs.)
/// </summary>
internal static class ServerSentEvents
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    public static void WriteEvent(IBufferWriter<byte> output, UserEvent userEvent, JsonSerializerOptions json)
    {
        WriteAscii(output, "id: ");
        WriteAscii(output, userEvent.Cursor.ToString(CultureInfo.InvariantCulture));
        WriteAscii(output, "\nevent: ");
        WriteAscii(output, userEvent.Type);
        WriteAscii(output, "\ndata: ");
        using (var writer = new Utf8JsonWriter(output))
        {
            var data = userEvent.Data;
            JsonSerializer.Serialize(writer, data, json.GetTypeInfo(data.GetType()));
        }

        WriteAscii(output, "\n\n");
    }

    public static void WriteKeepAlive(IBufferWriter<byte> output) => output.Write(KeepAlive);

    /// <summary>A cursor from <c>Last-Event-ID</c> or <c>?last_event_id=</c>; anything but a non-negative integer counts as none.</summary>
    public static long? ParseCursor(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : null;

    private static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        output.Advance(written);
    }
}
