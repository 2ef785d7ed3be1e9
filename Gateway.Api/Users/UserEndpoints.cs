using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Api.Pagination;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace Gateway.Api.Users;

internal static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAuthenticatedApiGroup("/api/users", "Users");

        group.MapGet("/me", (IGrainFactory grains, CurrentUser caller) => GetUserAsync(grains, caller, caller.Id))
            .WithName("GetCurrentUser")
            .WithSummary("The caller's profile, with email");

        group.MapPatch("/me", UpdateProfileAsync)
            .WithName("UpdateCurrentUser")
            .WithSummary("Change the caller's names or email")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", FindAsync)
            .WithName("FindUsers")
            .WithSummary("Find a user by exact username (case-insensitive)")
            .WithDescription("A page of zero or one users. The email is shown only for the caller and to admins.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{userId:guid}", (Guid userId, IGrainFactory grains, CurrentUser caller) => GetUserAsync(grains, caller, userId))
            .WithName("GetUser")
            .WithSummary("A user's public profile")
            .WithDescription("The email is shown only for the caller and to admins.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<UserView>> GetUserAsync(IGrainFactory grains, CurrentUser caller, Guid userId)
    {
        var user = await grains.GetGrain<IUserGrain>(userId).GetAsync();
        return TypedResults.Ok(user.AsSeenBy(caller));
    }

    private static async Task<Ok<UserView>> UpdateProfileAsync(UpdateProfileRequest request, IGrainFactory grains, CurrentUser caller)
    {
        var update = new UpdateProfile(request.FirstName, request.LastName, request.Email);
        return TypedResults.Ok(await grains.GetGrain<IUserGrain>(caller.Id).UpdateProfileAsync(update));
    }

    private static async Task<Results<Ok<Page<UserView>>, ProblemHttpResult>> FindAsync(
        [AsParameters] UserSearchParameters query, HttpRequest request, IGrainFactory grains, CurrentUser caller)
    {
        var userId = await UserLookup.ByUsernameAsync(grains, query.Username!);
        UserView[] found = userId is { } id ? [(await grains.GetGrain<IUserGrain>(id).GetAsync()).AsSeenBy(caller)] : [];
        var page = query.ToPageRequest();
        var results = found.Skip(page.Offset).Take(page.Size).ToArray();
        return Paging.Respond(request, page, found.Length, results);
    }
}
