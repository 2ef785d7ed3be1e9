using System.Text.Json.Serialization;

namespace Grains;

/// <summary>
/// The persisted state of a <see cref="ConversationGrain"/>: who takes part, never the messages (they
/// live in the journal, and so do the next seq and the last message time).
/// </summary>
public sealed class ConversationState
{
    [JsonPropertyName("created")]
    public bool Created { get; set; }

    /// <summary>A deleted conversation keeps this tombstone so that its id is never reused.</summary>
    [JsonPropertyName("deleted")]
    public bool Deleted { get; set; }

    /// <summary>Set once the journal of a deleted conversation was cleared.</summary>
    [JsonPropertyName("journal_cleared")]
    public bool JournalCleared { get; set; }

    [JsonPropertyName("title")]
    public string Title { get; set; } = "";

    [JsonPropertyName("created_by")]
    public Guid CreatedBy { get; set; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The participants in the order they joined.</summary>
    [JsonPropertyName("participants")]
    public List<ParticipantState> Participants { get; init; } = [];
}
