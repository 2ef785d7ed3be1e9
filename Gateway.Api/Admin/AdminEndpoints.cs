using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Api.Pagination;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace Gateway.Api.Admin;

internal static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAuthenticatedApiGroup("/api/admin", "Administration")
            .AddEndpointFilter<AdminOnlyFilter>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/users", ListUsersAsync)
            .WithName("AdminListUsers")
            .WithSummary("Every user, with email, is_active and last_login_at (admins only)")
            .WithDescription(
                "Ordered by username. Filters: q (username or email contains, case-insensitive), role (user or admin), "
                + "is_active (true or false). 403 for non-admins.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/users/{userId:guid}", UpdateUserAsync)
            .WithName("AdminUpdateUser")
            .WithSummary("Change a user's role or activation (admins only)")
            .WithDescription(
                "Deactivating revokes every refresh token of the user, refuses their logins (401 Invalid credentials) and "
                + "refuses their access tokens within Admin:AccessCacheDuration (30 s by default). A role change applies "
                + "to the user's requests within the same time, whatever role their token carries. An admin cannot "
                + "deactivate or demote themself (400).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/audit", ListAuditAsync)
            .WithName("AdminListAudit")
            .WithSummary("The audit trail, newest first (admins only)")
            .WithDescription(
                "Filters: user_id, event (one of the audit event types), since and until (RFC 3339, inclusive). "
                + "Events never hold a password, a token or a message body.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<Page<AdminUserView>>, ProblemHttpResult>> ListUsersAsync(
        [AsParameters] AdminUserListParameters parameters, HttpRequest request, IGrainFactory grains)
    {
        var (page, query) = parameters.ToQuery();
        var found = await grains.GetGrain<IUserDirectoryGrain>(0).QueryAsync(query);
        return Paging.Respond(request, page, found.Count, found.Users);
    }

    private static async Task<Ok<AdminUserView>> UpdateUserAsync(
        Guid userId, AdminUserPatchRequest body, IGrainFactory grains, CurrentUser caller, UserAccessCache access)
    {
        var updated = await grains.GetGrain<IUserGrain>(userId).AdministerAsync(new AdminUserUpdate(caller.Id, body.ParsedRole, body.IsActive));
        access.Forget(userId);
        return TypedResults.Ok(updated);
    }

    private static async Task<Results<Ok<Page<AuditEvent>>, ProblemHttpResult>> ListAuditAsync(
        [AsParameters] AuditListParameters parameters, HttpRequest request, IGrainFactory grains)
    {
        var (page, query) = parameters.ToQuery();
        var found = await grains.GetGrain<IAuditGrain>(0).QueryAsync(query);
        return Paging.Respond(request, page, found.Count, found.Events);
    }
}
