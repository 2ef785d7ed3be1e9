using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Api.Pagination;
using Gateway.Api.ServiceAccounts;
using Grains.Hosting;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace Gateway.Api.Conversations;

internal static class ConversationEndpoints
{
    public static RouteGroupBuilder MapConversations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAuthenticatedApiGroup("/api/conversations", "Conversations");

        group.MapPost("/", CreateAsync)
            .WithName("CreateConversation")
            .WithSummary("Start a conversation")
            .WithDescription("The caller becomes its owner and the listed users its members; duplicates and the caller are ignored; " +
                "at least one other existing user, at most 256. An unknown user id is a 400 naming it.")
            .ProducesValidationProblem();

        group.MapGet("/", ListAsync)
            .RequireScope(ServiceScopes.ConversationsRead)
            .WithName("ListConversations")
            .WithSummary("The caller's conversations, most recent activity first")
            .WithDescription("Each with the caller's `last_read_seq` and `unread_count`. `?participant=USER_ID` (repeatable) keeps those " +
                "in which all of them take part; `?unread=true` those with unread messages.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{conversationId:guid}", GetAsync)
            .RequireScope(ServiceScopes.ConversationsRead)
            .WithName("GetConversation")
            .WithSummary("A conversation with its participants")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{conversationId:guid}", RenameAsync)
            .WithName("RenameConversation")
            .WithSummary("Change the title (owner or admin)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{conversationId:guid}", DeleteAsync)
            .WithName("DeleteConversation")
            .WithSummary("Delete a conversation and its messages (owner)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{conversationId:guid}/read", MarkReadAsync)
            .WithName("MarkRead")
            .WithSummary("Move the caller's read marker forward (participants)")
            .WithDescription("The marker only moves forward: a lower `seq` leaves it where it is (still 200). A `seq` that is not a " +
                "positive integer, or above the conversation's last seq, is a 400. The caller's other connections get `read.updated`.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Created<ConversationView>> CreateAsync(
        CreateConversationRequest request, GrainReferences grains, CurrentUser caller)
    {
        var create = new CreateConversation(request.ParticipantList, request.Title);
        var conversation = await grains.Conversation(Guid.CreateVersion7()).CreateAsync(caller.Id, create);
        return TypedResults.Created($"/api/conversations/{conversation.ConversationId}/", conversation);
    }

    private static async Task<Results<Ok<Page<ConversationView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ConversationListParameters query, HttpRequest request, GrainReferences grains, CurrentUser caller)
    {
        var page = query.ToPageRequest();
        var ids = await grains.User(caller.Id)
            .ListConversationsAsync(new ConversationListQuery(query.ParticipantIds, page.Offset, page.Size) { UnreadOnly = query.UnreadOnly });
        var views = await Task.WhenAll(ids.ConversationIds.Select(id => TryGetAsync(grains, id, caller.Id)));
        var listed = views
            .Select((view, i) => view?.WithReadMarker(i < ids.ReadMarkers.Count ? ids.ReadMarkers[i] : null))
            .OfType<ConversationView>();
        return Paging.Respond(request, page, ids.Count, [.. listed]);
    }

    /// <summary>The conversation (the grain checks membership) with the caller's read marker from their user grain.</summary>
    private static async Task<Ok<ConversationView>> GetAsync(Guid conversationId, GrainReferences grains, CurrentUser caller)
    {
        var conversation = grains.Conversation(conversationId).GetAsync(caller.Id);
        var marker = grains.User(caller.Id).GetReadMarkerAsync(conversationId);
        return TypedResults.Ok((await conversation).WithReadMarker(await marker));
    }

    private static async Task<Ok<ReadMarker>> MarkReadAsync(
        Guid conversationId, MarkReadRequest request, GrainReferences grains, CurrentUser caller) =>
        TypedResults.Ok(await grains.Conversation(conversationId).MarkReadAsync(caller.Id, request.Seq!.Value));

    private static async Task<Ok<ConversationView>> RenameAsync(
        Guid conversationId, RenameConversationRequest request, GrainReferences grains, CurrentUser caller)
    {
        var renamed = await grains.Conversation(conversationId).RenameAsync(caller.Id, request.Title!);
        return TypedResults.Ok(renamed.WithReadMarker(await grains.User(caller.Id).GetReadMarkerAsync(conversationId)));
    }

    private static async Task<NoContent> DeleteAsync(Guid conversationId, GrainReferences grains, CurrentUser caller)
    {
        await grains.Conversation(conversationId).DeleteAsync(caller.Id);
        return TypedResults.NoContent();
    }

    /// <summary>A listed conversation, or null if it was deleted or left between listing and reading it.</summary>
    private static async Task<ConversationView?> TryGetAsync(GrainReferences grains, Guid conversationId, Guid callerId)
    {
        try
        {
            return await grains.Conversation(conversationId).GetAsync(callerId);
        }
        catch (Exception exception) when (exception is NotFoundException or NotAllowedException)
        {
            return null;
        }
    }
}
