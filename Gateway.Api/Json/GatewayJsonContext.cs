using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Api.Accounts;
using Gateway.Api.Auth;
using Gateway.Api.Conversations;
using Gateway.Api.Messages;
using Gateway.Api.Pagination;
using Gateway.Api.Sessions;
using Gateway.Api.Tokens;
using Gateway.Api.Users;
using Grains.Interfaces;

namespace Gateway.Api.Json;

/// <summary>Source-generated serialization of the gateway's own request and response shapes (snake_case).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(UpdateProfileRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(TokenPair))]
[JsonSerializable(typeof(EmptyResponse))]
[JsonSerializable(typeof(SessionAccess))]
[JsonSerializable(typeof(JsonWebKeySetResponse))]
[JsonSerializable(typeof(CreateConversationRequest))]
[JsonSerializable(typeof(RenameConversationRequest))]
[JsonSerializable(typeof(AddParticipantRequest))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(EditMessageRequest))]
[JsonSerializable(typeof(MarkReadRequest))]
[JsonSerializable(typeof(Events.EventTicket))]
[JsonSerializable(typeof(Page<UserView>))]
[JsonSerializable(typeof(Page<ConversationView>))]
[JsonSerializable(typeof(Page<MessageView>))]
[JsonSerializable(typeof(Page<AdminUserView>))]
[JsonSerializable(typeof(Page<AuditEvent>))]
[JsonSerializable(typeof(AdminUserView))]
[JsonSerializable(typeof(Admin.AdminUserPatchRequest))]
[JsonSerializable(typeof(ServiceAccounts.CreateClientRequest))]
[JsonSerializable(typeof(ServiceAccounts.ClientCredentials))]
[JsonSerializable(typeof(ServiceAccounts.OAuthTokenResponse))]
[JsonSerializable(typeof(ServiceAccounts.OAuthError))]
[JsonSerializable(typeof(Page<ServiceClientView>))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
