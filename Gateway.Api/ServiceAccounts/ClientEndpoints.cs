using Gateway.Api.Admin;
using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Api.Pagination;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace Gateway.Api.ServiceAccounts;

/// <summary>Admins manage service clients: create (the secret shown once), list, rotate the secret, revoke.</summary>
internal static class ClientEndpoints
{
    public static RouteGroupBuilder MapServiceClients(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapAuthenticatedApiGroup("/api/admin/clients", "Service clients")
            .RequireAuthorization(policy => policy.RequireClaim(TokenClaims.Role, "admin"))
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync)
            .WithName("CreateServiceClient")
            .WithSummary("Create a service client (admins)")
            .WithDescription("201 with `client_id` and `client_secret`: the secret is shown this once and stored only as a hash. " +
                "`scopes` are some of `messages:read`, `messages:write`, `conversations:read`. The client acts as its own bot user " +
                "(`bot_user_id`), which can be added to conversations like any user.")
            .ProducesValidationProblem();

        group.MapGet("/", ListAsync)
            .WithName("ListServiceClients")
            .WithSummary("A page of service clients, oldest first, without secrets (admins)")
            .ProducesValidationProblem();

        group.MapPost("/{clientId:guid}/secret", RotateAsync)
            .WithName("RotateServiceClientSecret")
            .WithSummary("A new secret for a service client, shown once; the old one stops working (admins)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{clientId:guid}", RevokeAsync)
            .WithName("RevokeServiceClient")
            .WithSummary("Revoke a service client: its secret and its access tokens stop working (admins)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Created<ClientCredentials>> CreateAsync(
        CreateClientRequest request, IGrainFactory grains, CurrentUser caller, AuditRecorder audit)
    {
        var clientId = Guid.CreateVersion7();
        var created = await grains.GetGrain<IServiceClientGrain>(clientId)
            .CreateAsync(new CreateServiceClient(request.Name!, request.Scopes!, caller.Id));
        audit.Record(AuditEventTypes.ClientCreated, created.Client.BotUserId, caller.Id, detail: ClientDetail(created.Client));
        return TypedResults.Created($"/api/admin/clients/{clientId}/", Credentials(created));
    }

    private static async Task<Results<Ok<Page<ServiceClientView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ClientListParameters query, HttpRequest request, IGrainFactory grains)
    {
        var page = query.ToPageRequest();
        var found = await grains.GetGrain<IServiceClientDirectoryGrain>(IServiceClientDirectoryGrain.Key).ListAsync(page.Offset, page.Size);
        return Paging.Respond(request, page, found.Count, found.Results);
    }

    private static async Task<Ok<ClientCredentials>> RotateAsync(Guid clientId, IGrainFactory grains, CurrentUser caller, AuditRecorder audit)
    {
        var rotated = await grains.GetGrain<IServiceClientGrain>(clientId).RotateSecretAsync();
        audit.Record(AuditEventTypes.ClientSecretRotated, rotated.Client.BotUserId, caller.Id, detail: ClientDetail(rotated.Client));
        return TypedResults.Ok(Credentials(rotated));
    }

    private static async Task<NoContent> RevokeAsync(Guid clientId, IGrainFactory grains, CurrentUser caller, AuditRecorder audit)
    {
        await grains.GetGrain<IServiceClientGrain>(clientId).RevokeAsync();
        audit.Record(AuditEventTypes.ClientRevoked, null, caller.Id, detail: $"client {clientId}");
        return TypedResults.NoContent();
    }

    /// <summary>The client as an audit event names it: id and scopes, never the secret.</summary>
    internal static string ClientDetail(ServiceClientView client) => $"client {client.ClientId} ({string.Join(' ', client.Scopes)})";

    private static ClientCredentials Credentials(ServiceClientSecret created) =>
        new(created.Client.ClientId, created.Secret, created.Client.Name, created.Client.Scopes, created.Client.BotUserId,
            created.Client.BotUsername, created.Client.CreatedAt, created.Client.SecretRotatedAt);
}
