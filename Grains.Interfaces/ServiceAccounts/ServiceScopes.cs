namespace Grains.Interfaces;

/// <summary>The scopes a service client (OAuth2 client credentials) may be granted; nothing else is allowed to it.</summary>
public static class ServiceScopes
{
    public const string MessagesRead = "messages:read";

    public const string MessagesWrite = "messages:write";

    public const string ConversationsRead = "conversations:read";

    public static IReadOnlyList<string> All { get; } = [MessagesRead, MessagesWrite, ConversationsRead];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
