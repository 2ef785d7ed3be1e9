using Grains.Interfaces;
using Orleans;

namespace Gateway.Api.Admin;

/// <summary>
/// Records the audit events the gateway sees (logins, tokens, refusals) with the client's address and user agent
/// of the current request. One-way: the request never waits for the audit write.
/// </summary>
public sealed partial class AuditRecorder(IGrainFactory grains, IHttpContextAccessor accessor, TimeProvider time, ILogger<AuditRecorder> logger)
{
    private const int MaxUserAgentLength = 512;

    public void Record(string name, Guid? userId, Guid? actorId = null, Guid? conversationId = null, string? detail = null)
    {
        var http = accessor.HttpContext;
        var ip = http?.Connection.RemoteIpAddress?.ToString();
        var userAgent = http?.Request.Headers.UserAgent.ToString();
        if (string.IsNullOrEmpty(userAgent))
        {
            userAgent = null;
        }
        else if (userAgent.Length > MaxUserAgentLength)
        {
            userAgent = userAgent[..MaxUserAgentLength];
        }

        var auditEvent = new AuditEvent(
            Guid.CreateVersion7(), name, Timestamps.TruncateToMilliseconds(time.GetUtcNow()), userId, actorId, ip, userAgent, conversationId, detail);
        _ = SendAsync(auditEvent);
    }

    private async Task SendAsync(AuditEvent auditEvent)
    {
        try
        {
            await grains.GetGrain<IAuditGrain>(0).RecordAsync(auditEvent);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRecordFailed(logger, exception, auditEvent.Event);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event {Event} could not be sent to the audit grain")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string @event);
}
