using Gateway.Api.Hosting;
using Gateway.Api.Problems;
using Gateway.Api.RateLimiting;
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
            .WithDescription("Usernames listed in Accounts:AdminUsernames get the admin role. 409 when the username or email is taken (case-insensitively). " +
                "Registrations are throttled per client address across every gateway: 429 with Retry-After.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> RegisterAsync(
        RegisterRequest request, HttpContext http, IGrainFactory grains, ClusterThrottle throttle, IOptions<AccountsOptions> accounts)
    {
        var decision = await throttle.CountRegistrationFromAsync(ClusterThrottle.AddressOf(http));
        if (!decision.Allowed)
        {
            return RegistrationThrottled(http.Response, decision.RetryAfter ?? TimeSpan.FromSeconds(1));
        }

        var role = accounts.Value.IsAdmin(request.Username!) ? UserRole.Admin : UserRole.User;
        var registration = new RegisterUser(
            request.Username!, request.Email!, request.Password!, request.FirstName ?? string.Empty, request.LastName ?? string.Empty, role);
        var user = await grains.GetGrain<IUserGrain>(Guid.CreateVersion7()).RegisterAsync(registration);
        return TypedResults.Created($"/api/users/{user.UserId}/", user);
    }

    private static ProblemHttpResult RegistrationThrottled(HttpResponse response, TimeSpan retryAfter) =>
        ApiProblems.TooManyRequests(response, retryAfter, "Too many registrations from this address; try again later.");
}
