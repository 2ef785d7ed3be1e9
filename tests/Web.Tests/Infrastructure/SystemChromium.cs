namespace Web.Tests.Infrastructure;

/// <summary>
/// The browser: Debian's Chromium package, never one that Playwright downloads (this machine reaches package
/// registries only). Missing, it fails the tests with how to install it; they are never skipped.
/// </summary>
internal static class SystemChromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>The Chromium executable: <c>CHROMIUM_PATH</c> if set, else <see cref="DefaultPath"/>.</summary>
    public static string ExecutablePath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : DefaultPath;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Chromium is required by the browser tests and was not found at {path}. Install Debian's package " +
                "(as root: apt-get update && apt-get install -y chromium; .ci/run does this) or set CHROMIUM_PATH.");
    }
}
