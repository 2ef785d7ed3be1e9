using System.Collections.Concurrent;
using System.Reflection;

namespace Actors.Runtime;

/// <summary>A grain interface's type name and methods, built once per interface by reflection.</summary>
internal sealed class GrainInterfaceInfo
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceInfo> Cache = new();

    private readonly Dictionary<string, GrainMethod> _byName;
    private readonly Dictionary<MethodInfo, GrainMethod> _byMethod;

    private GrainInterfaceInfo(Type interfaceType)
    {
        if (!interfaceType.IsInterface || !typeof(IGrain).IsAssignableFrom(interfaceType))
        {
            throw new ArgumentException($"{interfaceType.Name} is not a grain interface.", nameof(interfaceType));
        }

        InterfaceType = interfaceType;
        GrainType = GetGrainTypeName(interfaceType);
        var methods = new[] { interfaceType }
            .Concat(interfaceType.GetInterfaces())
            .SelectMany(i => i.GetMethods())
            .Select(m => new GrainMethod(m))
            .ToList();
        var overloaded = methods.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (overloaded is not null)
        {
            throw new InvalidOperationException($"Grain interface {interfaceType.Name} overloads {overloaded.Key}; grain methods need distinct names.");
        }

        _byName = methods.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _byMethod = methods.ToDictionary(m => m.Method);
    }

    public Type InterfaceType { get; }

    public string GrainType { get; }

    public IEnumerable<GrainMethod> Methods => _byName.Values;

    public static GrainInterfaceInfo For(Type interfaceType) => Cache.GetOrAdd(interfaceType, static t => new GrainInterfaceInfo(t));

    public GrainMethod GetMethod(MethodInfo method) => _byMethod[method];

    public bool TryGetMethod(string name, out GrainMethod method) => _byName.TryGetValue(name, out method!);

    /// <summary>The [GrainType] name, else the interface name less "I" and "Grain", lower-cased.</summary>
    public static string GetGrainTypeName(Type interfaceType)
    {
        var attribute = interfaceType.GetCustomAttribute<GrainTypeAttribute>(inherit: false);
        if (attribute is not null)
        {
            return attribute.Name;
        }

        var name = interfaceType.Name;
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name[1..];
        }

        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }
}
