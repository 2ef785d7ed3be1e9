using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grains.Events;

/// <summary>
/// One row of a user's event log: consecutive events of one append that share a time, stored under the
/// cursor of the first (the row's seq), so that a busy user's batch of events costs one row and one key,
/// not one of each per event. One event is stored as its record, an object, as every row was before rows
/// held several; several as an array of records. Both read back.
/// </summary>
[JsonConverter(typeof(UserEventRowConverter))]
public sealed class UserEventRow
{
    public UserEventRow(IReadOnlyList<UserEventRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new ArgumentException("A row holds at least one event.", nameof(records));
        }

        Records = records;
    }

    /// <summary>The events in cursor order: the first at the row's seq, each next one at the cursor after it.</summary>
    public IReadOnlyList<UserEventRecord> Records { get; }
}

/// <summary>Reads a row's payload as one record (an object) or several (an array); writes it the same way.</summary>
internal sealed class UserEventRowConverter : JsonConverter<UserEventRow>
{
    public override UserEventRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var record = GrainsStateJsonContext.Default.UserEventRecord;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return new UserEventRow([JsonSerializer.Deserialize(ref reader, record) ?? throw Invalid()]);
            case JsonTokenType.StartArray:
                var records = new List<UserEventRecord>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    records.Add(JsonSerializer.Deserialize(ref reader, record) ?? throw Invalid());
                }

                return records.Count > 0 ? new UserEventRow(records) : throw Invalid();
            default:
                throw Invalid();
        }
    }

    public override void Write(Utf8JsonWriter writer, UserEventRow value, JsonSerializerOptions options)
    {
        var record = GrainsStateJsonContext.Default.UserEventRecord;
        if (value.Records.Count == 1)
        {
            JsonSerializer.Serialize(writer, value.Records[0], record);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value.Records)
        {
            JsonSerializer.Serialize(writer, item, record);
        }

        writer.WriteEndArray();
    }

    private static JsonException Invalid() => new("An event log row holds one event record or a non-empty array of them.");
}
