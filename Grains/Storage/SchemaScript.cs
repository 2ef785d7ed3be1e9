using System.Globalization;
using System.Reflection;

namespace Grains.Storage;

/// <summary>
/// One versioned schema script, embedded from a provider's Scripts folder and named
/// <c>NNN_description.sql</c>; scripts run in version order, each at most once per database.
/// </summary>
internal sealed record SchemaScript(int Version, string Name, string Sql)
{
    /// <summary>Loads the scripts embedded under a resource prefix such as <c>Grains.Storage.Sqlite.Scripts.</c>.</summary>
    public static IReadOnlyList<SchemaScript> LoadEmbedded(string resourcePrefix)
    {
        var assembly = typeof(SchemaScript).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            if (!resourceName.StartsWith(resourcePrefix, StringComparison.Ordinal)
                || !resourceName.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resourceName[resourcePrefix.Length..^".sql".Length];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0
                || !int.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Schema script '{resourceName}' is not named NNN_description.sql.");
            }

            scripts.Add(new SchemaScript(version, name, ReadResource(assembly, resourceName)));
        }

        scripts.Sort((left, right) => left.Version.CompareTo(right.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Two schema scripts under '{resourcePrefix}' share version {scripts[i].Version}.");
            }
        }

        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No schema scripts are embedded under '{resourcePrefix}'.");
        }

        return scripts;
    }

    private static string ReadResource(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' cannot be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
