using System.Text.Json.Serialization;

namespace Grains;

/// <summary>A conversation as its participant's user grain keeps it, for listing and filtering.</summary>
public sealed class UserConversationState
{
    [JsonPropertyName("participant_ids")]
    public List<Guid> ParticipantIds { get; init; } = [];

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("last_message_at")]
    public DateTimeOffset? LastMessageAt { get; set; }

    /// <summary>The highest message seq the user's event log has (a notice at or below it was delivered before).</summary>
    [JsonPropertyName("last_seq")]
    public long LastSeq { get; set; }

    /// <summary>
    /// Seqs below <see cref="LastSeq"/> that never arrived (a send that failed while telling participants,
    /// and is retried later): delivered when they come. The newest few are kept.
    /// </summary>
    [JsonPropertyName("missing_seqs")]
    public List<long> MissingSeqs { get; init; } = [];

    [JsonPropertyName("last_read_seq")]
    public long LastReadSeq { get; set; }

    /// <summary>Live messages that others sent above <see cref="LastReadSeq"/>.</summary>
    [JsonPropertyName("unread_count")]
    public long UnreadCount { get; set; }
}
