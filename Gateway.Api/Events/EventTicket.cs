namespace Gateway.Api.Events;

/// <summary>The answer of POST /api/events/ticket/: a one-time ticket for <c>GET /api/events/?ticket=</c>.</summary>
public sealed record EventTicket(string Ticket, int ExpiresIn);
