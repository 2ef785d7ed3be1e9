namespace Gateway.Api.Auth;

/// <summary>
/// The development signing key: generated at first run and kept in a file under the data directory
/// that only the owner can read, so tokens survive restarts. Never used outside Development.
/// </summary>
internal static class DevelopmentKeyFile
{
    public static string PathFor(string dataDirectory, string algorithm) =>
        Path.Combine(dataDirectory, $"jwt-{algorithm.ToLowerInvariant()}.key");

    public static string ReadOrCreate(string path, string algorithm)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var material = SigningKeys.Generate(algorithm);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(material);
            return material;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of the same data directory created it first: use theirs.
            return File.ReadAllText(path);
        }
    }
}
