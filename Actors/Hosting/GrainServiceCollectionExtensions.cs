using System.Text.Json.Serialization;
using Actors.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Hosting;

/// <summary>Registers grain classes and the JSON contexts of the types they exchange.</summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>Hosts <typeparamref name="TGrain"/> for <typeparamref name="TGrainInterface"/> on silos of this process.</summary>
    public static IServiceCollection AddGrain<TGrainInterface, TGrain>(this IServiceCollection services)
        where TGrainInterface : IGrain
        where TGrain : Grain, TGrainInterface
    {
        services.AddSingleton(new GrainRegistration(typeof(TGrainInterface), typeof(TGrain)));
        return services;
    }

    /// <summary>Adds a source-generated JSON context for the arguments and results of grain calls.</summary>
    public static IServiceCollection AddGrainSerializer(this IServiceCollection services, JsonSerializerContext context)
    {
        services.AddSingleton(new GrainSerializerContext(context));
        return services;
    }
}
