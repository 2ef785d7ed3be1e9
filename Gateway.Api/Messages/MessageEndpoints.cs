using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Api.Pagination;
using Gateway.Api.RateLimiting;
using Gateway.Api.ServiceAccounts;
using Grains.Hosting;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace Gateway.Api.Messages;

internal static class MessageEndpoints
{
    public static RouteGroupBuilder MapMessages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAuthenticatedApiGroup("/api/conversations/{conversationId:guid}/messages", "Messages")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", SendAsync)
            .RequireScope(ServiceScopes.MessagesWrite)
            .RequireSendThrottle()
            .WithName("SendMessage")
            .WithSummary("Send a message (participants)")
            .WithDescription("201 with the new message. Sending again with the same `client_message_id` returns the first message " +
                "with 200 and stores nothing (409 if that message was deleted). Sends are throttled per user across every gateway: 429 with Retry-After.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/", ListAsync)
            .RequireScope(ServiceScopes.MessagesRead)
            .WithName("ListMessages")
            .WithSummary("A page of messages (participants), newest first by default")
            .ProducesValidationProblem();

        group.MapGet("/{messageId:guid}", GetAsync)
            .RequireScope(ServiceScopes.MessagesRead)
            .WithName("GetMessage")
            .WithSummary("One message (participants)");

        group.MapPatch("/{messageId:guid}", EditAsync)
            .RequireScope(ServiceScopes.MessagesWrite)
            .WithName("EditMessage")
            .WithSummary("Change a message's body (the sender); sets edited_at")
            .ProducesValidationProblem();

        group.MapDelete("/{messageId:guid}", DeleteAsync)
            .RequireScope(ServiceScopes.MessagesWrite)
            .WithName("DeleteMessage")
            .WithSummary("Delete a message (the sender, the owner or an admin)");
        return group;
    }

    private static async Task<Results<Created<MessageView>, Ok<MessageView>>> SendAsync(
        Guid conversationId, SendMessageRequest request, GrainReferences grains, CurrentUser caller)
    {
        var result = await grains.Conversation(conversationId)
            .SendAsync(caller.Id, new SendMessage(request.MessageBody!, request.ClientMessageId));
        return result.Created
            ? TypedResults.Created($"/api/conversations/{conversationId}/messages/{result.Message.MessageId}/", result.Message)
            : TypedResults.Ok(result.Message);
    }

    private static async Task<Results<Ok<Page<MessageView>>, ProblemHttpResult>> ListAsync(
        Guid conversationId, [AsParameters] MessageListParameters parameters, HttpRequest request, GrainReferences grains, CurrentUser caller)
    {
        var (page, query) = parameters.ToQuery();
        var messages = await grains.Conversation(conversationId).ListMessagesAsync(caller.Id, query);
        return Paging.Respond(request, page, messages.Count, messages.Results);
    }

    private static async Task<Ok<MessageView>> GetAsync(Guid conversationId, Guid messageId, GrainReferences grains, CurrentUser caller) =>
        TypedResults.Ok(await grains.Conversation(conversationId).GetMessageAsync(caller.Id, messageId));

    private static async Task<Ok<MessageView>> EditAsync(
        Guid conversationId, Guid messageId, EditMessageRequest request, GrainReferences grains, CurrentUser caller) =>
        TypedResults.Ok(await grains.Conversation(conversationId).EditMessageAsync(caller.Id, messageId, request.MessageBody!));

    private static async Task<NoContent> DeleteAsync(Guid conversationId, Guid messageId, GrainReferences grains, CurrentUser caller)
    {
        await grains.Conversation(conversationId).DeleteMessageAsync(caller.Id, messageId);
        return TypedResults.NoContent();
    }
}
