using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace Gateway.Api.Conversations;

internal static class ParticipantEndpoints
{
    public static RouteGroupBuilder MapParticipants(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAuthenticatedApiGroup("/api/conversations/{conversationId:guid}/participants", "Conversations")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", AddAsync)
            .WithName("AddParticipant")
            .WithSummary("Add a participant (owner or admin)")
            .WithDescription("Adds a member, or an admin with `role: \"admin\"`; owner cannot be granted. 409 if already a participant.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/{userId:guid}", RemoveAsync)
            .WithName("RemoveParticipant")
            .WithSummary("Remove a participant (owner or admin), or leave (the user themself)")
            .WithDescription("A user who left loses access to the conversation and its history.");
        return group;
    }

    private static async Task<Created<ParticipantView>> AddAsync(
        Guid conversationId, AddParticipantRequest request, IGrainFactory grains, CurrentUser caller)
    {
        var participant = await grains.GetGrain<IConversationGrain>(conversationId)
            .AddParticipantAsync(caller.Id, new AddParticipant(request.UserId!.Value, request.ParticipantRole));
        return TypedResults.Created($"/api/conversations/{conversationId}/participants/{participant.UserId}/", participant);
    }

    private static async Task<NoContent> RemoveAsync(Guid conversationId, Guid userId, IGrainFactory grains, CurrentUser caller)
    {
        await grains.GetGrain<IConversationGrain>(conversationId).RemoveParticipantAsync(caller.Id, userId);
        return TypedResults.NoContent();
    }
}
