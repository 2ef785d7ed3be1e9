using Gateway.Api.Hosting;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans;

namespace Gateway.Api.Accounts;

internal static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/register", "Accounts")
            .AllowAnonymous();

        group.MapPost("/", RegisterAsync)
            .WithName("Register")
            .WithSummary("Create an account")
            .WithDescription("Usernames listed in Accounts:AdminUsernames get the admin role. 409 when the username or email is taken (case-insensitively).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private static async Task<Created<UserView>> RegisterAsync(
        RegisterRequest request, IGrainFactory grains, IOptions<AccountsOptions> accounts)
    {
        var role = accounts.Value.IsAdmin(request.Username!) ? UserRole.Admin : UserRole.User;
        var registration = new RegisterUser(
            request.Username!, request.Email!, request.Password!, request.FirstName ?? string.Empty, request.LastName ?? string.Empty, role);
        var user = await grains.GetGrain<IUserGrain>(Guid.CreateVersion7()).RegisterAsync(registration);
        return TypedResults.Created($"/api/users/{user.UserId}/", user);
    }
}
