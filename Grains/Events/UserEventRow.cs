using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grains.Events;

/// <summary>
/// One row of a user's event log: consecutive events of one append that share a time, stored under the
/// cursor of the first (the row's seq), so that a busy user's batch of events costs a few rows and keys,
/// not one of each per event. A row holds events while their JSON stays within <see cref="MaxBytes"/>
/// (<see cref="Pack"/>); one event is stored as its record, an object, as every row was before rows held
/// several; several as an array of records. Both read back.
/// </summary>
[JsonConverter(typeof(UserEventRowConverter))]
public sealed class UserEventRow
{
    /// <summary>
    /// The most bytes of event JSON that <see cref="Pack"/> puts in one row, unless one event alone is larger.
    /// It keeps a row below PostgreSQL's TOAST threshold (about 2 KB a row), where a larger value would be
    /// compressed or moved to a table of its own, and a small part of one SQLite page (4 KiB), where a row
    /// that does not fit goes on to overflow pages of its own: a row costs about as much to write as one
    /// small event did.
    /// </summary>
    public const int MaxBytes = 1800;

    public UserEventRow(IReadOnlyList<UserEventRecord> records)
        : this(records, serialized: null)
    {
    }

    private UserEventRow(IReadOnlyList<UserEventRecord> records, IReadOnlyList<byte[]>? serialized)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new ArgumentException("A row holds at least one event.", nameof(records));
        }

        Records = records;
        Serialized = serialized;
    }

    /// <summary>The events in cursor order: the first at the row's seq, each next one at the cursor after it.</summary>
    public IReadOnlyList<UserEventRecord> Records { get; }

    /// <summary>Each record's JSON when <see cref="Pack"/> made the row (written as it is); null when read back.</summary>
    internal IReadOnlyList<byte[]>? Serialized { get; }

    /// <summary>
    /// The records in rows, in order: each row takes the next records while their JSON (with the array's
    /// brackets and commas) stays within <see cref="MaxBytes"/>, and at least one.
    /// </summary>
    public static IReadOnlyList<UserEventRow> Pack(IReadOnlyList<UserEventRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = new List<UserEventRow>();
        var start = 0;
        var bytes = 1; // the array's opening bracket
        var serialized = new List<byte[]>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(records[i], GrainsStateJsonContext.Default.UserEventRecord);
            if (i > start && bytes + json.Length + 1 > MaxBytes)
            {
                rows.Add(Row(start, i));
                start = i;
                bytes = 1;
            }

            serialized.Add(json);
            bytes += json.Length + 1; // the record and the comma or closing bracket after it
        }

        if (start < records.Count)
        {
            rows.Add(Row(start, records.Count));
        }

        return rows;

        UserEventRow Row(int from, int to) => new([.. records.Take(to).Skip(from)], [.. serialized.Take(to).Skip(from)]);
    }
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
        if (value.Records.Count == 1)
        {
            WriteRecord(writer, value, 0);
            return;
        }

        writer.WriteStartArray();
        for (var i = 0; i < value.Records.Count; i++)
        {
            WriteRecord(writer, value, i);
        }

        writer.WriteEndArray();
    }

    private static void WriteRecord(Utf8JsonWriter writer, UserEventRow row, int index)
    {
        if (row.Serialized is { } serialized)
        {
            writer.WriteRawValue(serialized[index], skipInputValidation: true);
        }
        else
        {
            JsonSerializer.Serialize(writer, row.Records[index], GrainsStateJsonContext.Default.UserEventRecord);
        }
    }

    private static JsonException Invalid() => new("An event log row holds one event record or a non-empty array of them.");
}
