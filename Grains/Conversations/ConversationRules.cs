using Grains.Interfaces;
using Grains.Journal;

namespace Grains;

/// <summary>The input rules of conversations and messages; errors are keyed by the API's field names.</summary>
internal static class ConversationRules
{
    public const int MaxParticipants = 256;
    public const int MaxTitleLength = 255;
    public const int MaxBodyLength = 4000;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxPageSize = 100;

    /// <summary>The title as stored: trimmed, empty when absent.</summary>
    public static string Title(string? title)
    {
        var trimmed = (title ?? "").Trim();
        if (Text.CodePoints(trimmed) > MaxTitleLength)
        {
            throw InvalidRequestException.ForField("title", $"Ensure this field has no more than {MaxTitleLength} characters.");
        }

        return trimmed;
    }

    /// <summary>Checks a message body: 1-4000 code points once trimmed. The body is stored as sent.</summary>
    public static void ValidateBody(string? body)
    {
        if (body is null)
        {
            throw InvalidRequestException.ForField("message_body", "This field is required.");
        }

        var length = Text.CodePoints(body.Trim());
        if (length == 0)
        {
            throw InvalidRequestException.ForField("message_body", "This field may not be blank.");
        }

        if (length > MaxBodyLength)
        {
            throw InvalidRequestException.ForField("message_body", $"Ensure this field has no more than {MaxBodyLength} characters.");
        }
    }

    /// <summary>The client message id, or null when none (an empty one counts as none).</summary>
    public static string? ClientMessageId(string? clientMessageId)
    {
        if (string.IsNullOrEmpty(clientMessageId))
        {
            return null;
        }

        if (Text.CodePoints(clientMessageId) > MaxClientMessageIdLength)
        {
            throw InvalidRequestException.ForField(
                "client_message_id", $"Ensure this field has no more than {MaxClientMessageIdLength} characters.");
        }

        return clientMessageId;
    }

    /// <summary>
    /// A client message id is scoped to (conversation, sender) and reserved for the conversation's life;
    /// the journal keeps the key unique per conversation.
    /// </summary>
    public static string DedupKey(Guid senderId, string clientMessageId) => $"{senderId:N}:{clientMessageId}";

    /// <summary>How a sender id is written as a journal entry's author (and filtered on).</summary>
    public static string Author(Guid senderId) => senderId.ToString("N");

    public static Guid SenderOf(string author) => Guid.ParseExact(author, "N");

    public static JournalQuery ToJournalQuery(MessageQuery query)
    {
        if (query is null)
        {
            throw new InvalidRequestException("A query is required.");
        }

        if (query.Offset < 0)
        {
            throw InvalidRequestException.ForField("offset", "The offset must be 0 or more.");
        }

        if (query.Limit is < 1 or > MaxPageSize)
        {
            throw InvalidRequestException.ForField("limit", $"The limit must be between 1 and {MaxPageSize}.");
        }

        return new JournalQuery
        {
            From = query.SentAfter,
            To = query.SentBefore,
            Author = query.Sender is { } sender ? Author(sender) : null,
            AfterSeq = query.AfterSeq,
            BeforeSeq = query.BeforeSeq,
            Descending = query.Descending,
            Offset = query.Offset,
            Limit = query.Limit,
        };
    }
}
