using Microsoft.Net.Http.Headers;

namespace Gateway.Api.Hardening;

/// <summary>
/// Headers that keep browsers from misusing responses, on every response (errors included: they are set as the
/// response starts, after any handler cleared the headers): no MIME sniffing, no referrer, no framing (unless the
/// endpoint set a Content-Security-Policy of its own), and no caching unless the endpoint chose its own
/// <c>Cache-Control</c> (responses are per user and may hold tokens).
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string NoStore = "no-store";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(
            static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.XContentTypeOptions = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    // The web client's pages set a fuller policy of their own (it forbids framing too).
                    headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                }
                headers["Referrer-Policy"] = "no-referrer";
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = NoStore;
                }

                return Task.CompletedTask;
            },
            context.Response);
        return next(context);
    }
}
