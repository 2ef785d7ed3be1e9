using System.Collections.Concurrent;
using System.Reflection;
using Actors.Serialization;
using Actors.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Runtime;

/// <summary>
/// Creates grain instances: constructor parameters marked [PersistentState] or [Journal] are bound to
/// this grain's storage, the rest come from the service provider. State is read before OnActivateAsync.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, GrainTypeRegistry registry, GrainSerializer serializer)
{
    private readonly ConcurrentDictionary<Type, Func<GrainId, (Grain Grain, List<IStateLoader> Loaders)>> _factories = new();

    public async Task<Grain> CreateAsync(IGrainContext context)
    {
        if (!registry.TryGet(context.GrainId.Type, out _, out var implementation))
        {
            throw new InvalidOperationException($"This silo hosts no grain type '{context.GrainId.Type}'.");
        }

        var (grain, loaders) = _factories.GetOrAdd(implementation, BuildFactory)(context.GrainId);
        foreach (var loader in loaders)
        {
            await loader.LoadAsync(CancellationToken.None).ConfigureAwait(false);
        }

        grain.Attach(context);
        await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
        return grain;
    }

    private Func<GrainId, (Grain, List<IStateLoader>)> BuildFactory(Type implementation)
    {
        var constructor = implementation.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {implementation.Name} has no public constructor.");
        var resolvers = constructor.GetParameters().Select(BuildResolver).ToArray();
        return grainId =>
        {
            var loaders = new List<IStateLoader>();
            var arguments = resolvers.Select(resolve => resolve(grainId, loaders)).ToArray();
            return ((Grain)constructor.Invoke(arguments), loaders);
        };
    }

    private Func<GrainId, List<IStateLoader>, object?> BuildResolver(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } state)
        {
            RequireGeneric(parameter, typeof(IPersistentState<>));
            var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments());
            return (grainId, loaders) =>
            {
                var instance = Activator.CreateInstance(
                    stateType,
                    $"{grainId.Type}.{state.StateName}",
                    grainId.Key,
                    services.GetRequiredService<IGrainStateStore>(),
                    serializer)!;
                loaders.Add((IStateLoader)instance);
                return instance;
            };
        }

        if (parameter.GetCustomAttribute<JournalAttribute>() is { } journal)
        {
            RequireGeneric(parameter, typeof(IGrainJournal<>));
            var journalType = typeof(GrainJournal<>).MakeGenericType(type.GetGenericArguments());
            return (grainId, _) => Activator.CreateInstance(
                journalType,
                $"{journal.Name}/{grainId.Key}",
                services.GetRequiredService<IJournalStore>(),
                serializer);
        }

        return (_, _) => services.GetService(type)
            ?? (parameter.HasDefaultValue ? parameter.DefaultValue : throw new InvalidOperationException(
                $"No service of type {type.Name} for parameter '{parameter.Name}' of grain {parameter.Member.DeclaringType?.Name}."));
    }

    private static void RequireGeneric(ParameterInfo parameter, Type definition)
    {
        if (!parameter.ParameterType.IsGenericType || parameter.ParameterType.GetGenericTypeDefinition() != definition)
        {
            throw new InvalidOperationException(
                $"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType?.Name} must be {definition.Name} to be bound to storage.");
        }
    }
}
