using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Api.Problems;

/// <summary>
/// Refuses request bodies over 64 KiB with a 413 problem before any endpoint reads them: by
/// Content-Length when it is given, and by reading at most one byte past the limit when the body is
/// chunked (the only way to know its size).
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next)
{
    public const int MaxBytes = 65_536;

    public const string Detail = "The request body is larger than 65536 bytes.";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is { } length)
        {
            if (length > MaxBytes)
            {
                await RejectAsync(context);
                return;
            }
        }
        else if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true)
        {
            var buffered = await ReadAtMostAsync(request.Body, MaxBytes + 1, context.RequestAborted);
            if (buffered.Length > MaxBytes)
            {
                await RejectAsync(context);
                return;
            }

            request.Body = buffered;
            request.ContentLength = buffered.Length;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = MaxBytes;
        }

        await next(context);
    }

    private static async Task<MemoryStream> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static Task RejectAsync(HttpContext context) =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, Detail).ExecuteAsync(context);
}
