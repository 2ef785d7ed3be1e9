using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Api.Pagination;
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
            .WithName("ListConversations")
            .WithSummary("The caller's conversations, most recent activity first")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{conversationId:guid}", GetAsync)
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
        return group;
    }

    private static async Task<Created<ConversationView>> CreateAsync(
        CreateConversationRequest request, IGrainFactory grains, CurrentUser caller)
    {
        var create = new CreateConversation(request.ParticipantList, request.Title);
        var conversation = await grains.GetGrain<IConversationGrain>(Guid.CreateVersion7()).CreateAsync(caller.Id, create);
        return TypedResults.Created($"/api/conversations/{conversation.ConversationId}/", conversation);
    }

    private static async Task<Results<Ok<Page<ConversationView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ConversationListParameters query, HttpRequest request, IGrainFactory grains, CurrentUser caller)
    {
        var page = query.ToPageRequest();
        var ids = await grains.GetGrain<IUserGrain>(caller.Id)
            .ListConversationsAsync(new ConversationListQuery(query.ParticipantIds, page.Offset, page.Size));
        var views = await Task.WhenAll(ids.ConversationIds.Select(id => TryGetAsync(grains, id, caller.Id)));
        return Paging.Respond(request, page, ids.Count, [.. views.OfType<ConversationView>()]);
    }

    private static async Task<Ok<ConversationView>> GetAsync(Guid conversationId, IGrainFactory grains, CurrentUser caller) =>
        TypedResults.Ok(await grains.GetGrain<IConversationGrain>(conversationId).GetAsync(caller.Id));

    private static async Task<Ok<ConversationView>> RenameAsync(
        Guid conversationId, RenameConversationRequest request, IGrainFactory grains, CurrentUser caller) =>
        TypedResults.Ok(await grains.GetGrain<IConversationGrain>(conversationId).RenameAsync(caller.Id, request.Title!));

    private static async Task<NoContent> DeleteAsync(Guid conversationId, IGrainFactory grains, CurrentUser caller)
    {
        await grains.GetGrain<IConversationGrain>(conversationId).DeleteAsync(caller.Id);
        return TypedResults.NoContent();
    }

    /// <summary>A listed conversation, or null if it was deleted or left between listing and reading it.</summary>
    private static async Task<ConversationView?> TryGetAsync(IGrainFactory grains, Guid conversationId, Guid callerId)
    {
        try
        {
            return await grains.GetGrain<IConversationGrain>(conversationId).GetAsync(callerId);
        }
        catch (Exception exception) when (exception is NotFoundException or NotAllowedException)
        {
            return null;
        }
    }
}
