using Microsoft.Extensions.FileProviders;

namespace Gateway.Api.WebClient;

internal static class WebClientExtensions
{
    /// <summary>
    /// What the pages may load: scripts, styles and connections from this origin only (no inline script or
    /// style, nothing from elsewhere), and no framing by other sites.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Serves the web client (wwwroot: HTML, CSS and JavaScript modules, no build step) at <c>/</c>. The files
    /// come from the web root when it has them (<c>dotnet run</c>, tests, a published app) and otherwise from
    /// the build output, so that the built gateway serves them from whatever working directory it starts in.
    /// </summary>
    public static WebApplication UseWebClient(this WebApplication app)
    {
        var files = ClientFiles(app.Environment);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // The other security headers (nosniff, no referrer, no framing) are the gateway's, on every response.
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;

                // Revalidate every time (cheap with ETags), so a deployment never mixes old and new modules.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    private static IFileProvider ClientFiles(IWebHostEnvironment environment)
    {
        if (environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            return environment.WebRootFileProvider;
        }

        var built = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(built) ? new PhysicalFileProvider(built) : new NullFileProvider();
    }
}
