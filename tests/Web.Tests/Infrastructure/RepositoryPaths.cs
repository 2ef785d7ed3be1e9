namespace Web.Tests.Infrastructure;

/// <summary>The repository root and the gateway's build output, found from where the test assembly runs.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Gateway.Api.dll of the same configuration (Debug or Release) as these tests.</summary>
    public static string GatewayAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Release";
            var path = Path.Combine(Root, "Gateway.Api", "bin", configuration, "net10.0", "Gateway.Api.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"Gateway.Api is not built ({configuration}); build the solution first.", path);
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Messaging.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException($"No Messaging.sln above {AppContext.BaseDirectory}.");
    }
}
