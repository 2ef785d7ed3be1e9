using System.Net;
using System.Net.Http.Json;
using Gateway.Api.Pagination;
using Grains.Interfaces;

namespace Gateway.Tests.Infrastructure;

/// <summary>The calls tests make again and again, asserting their success.</summary>
public static class ApiClient
{
    public static async Task<ConversationView> CreateConversationAsync(this HttpClient client, params TestUser[] others)
    {
        using var response = await client.PostAsJsonAsync("/api/conversations/", new { participants = others.Select(user => user.Id), title = "chat" });
        return await ApiAssert.OkAsync<ConversationView>(response, HttpStatusCode.Created);
    }

    public static async Task<MessageView> SendAsync(this HttpClient client, Guid conversationId, string body, string? clientMessageId = null)
    {
        using var response = await client.PostAsJsonAsync(
            $"/api/conversations/{conversationId}/messages/", new { message_body = body, client_message_id = clientMessageId });
        return await ApiAssert.OkAsync<MessageView>(response, HttpStatusCode.Created);
    }

    public static async Task<Page<T>> PageAsync<T>(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await ApiAssert.OkAsync<Page<T>>(response);
    }

    public static Task<HttpResponseMessage> PatchAsJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PatchAsync(url, JsonContent.Create(body));

    /// <summary>POSTs raw text with the given content type.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, contentType));
}
