namespace Gateway.Api.Admin;

/// <summary>How an <c>access.denied</c> audit event names the refused request: method and path, never the query or body.</summary>
internal static class AccessDenial
{
    public static string Describe(HttpRequest request) => $"{request.Method} {request.Path}";

    /// <summary>The conversation id in a path under /api/conversations/, if any.</summary>
    public static Guid? ConversationOf(HttpRequest request) =>
        request.RouteValues.TryGetValue("conversationId", out var value) && Guid.TryParse(value?.ToString(), out var id) ? id : null;
}
