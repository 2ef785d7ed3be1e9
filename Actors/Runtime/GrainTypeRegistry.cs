using Actors.Hosting;
using Actors.Serialization;

namespace Actors.Runtime;

/// <summary>The grain types this silo hosts: type name to interface and implementation.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, (GrainInterfaceInfo Interface, Type Implementation)> _types = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<GrainRegistration> registrations, GrainSerializer serializer)
    {
        foreach (var registration in registrations)
        {
            var info = GrainInterfaceInfo.For(registration.InterfaceType);
            if (_types.TryGetValue(info.GrainType, out var existing) && existing.Implementation != registration.ImplementationType)
            {
                throw new InvalidOperationException(
                    $"Grain type '{info.GrainType}' is registered twice: {existing.Implementation.Name} and {registration.ImplementationType.Name}.");
            }

            // Fail at start-up, not on the first call, when a type has no JSON contract.
            foreach (var method in info.Methods)
            {
                foreach (var type in method.ParameterTypes.Append(method.ResultType).OfType<Type>())
                {
                    serializer.Options.GetTypeInfo(type);
                }
            }

            _types[info.GrainType] = (info, registration.ImplementationType);
        }
    }

    public bool TryGet(string grainType, out GrainInterfaceInfo info, out Type implementation)
    {
        if (_types.TryGetValue(grainType, out var entry))
        {
            (info, implementation) = entry;
            return true;
        }

        (info, implementation) = (null!, null!);
        return false;
    }
}
