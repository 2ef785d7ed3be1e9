using System.Text.Json;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.Json;

namespace Gateway.Api.Json;

internal static class JsonConfiguration
{
    /// <summary>snake_case names, RFC 3339 UTC timestamps with milliseconds, source-generated contracts first.</summary>
    public static IServiceCollection AddGatewayJson(this IServiceCollection services) =>
        services.Configure<JsonOptions>(options => Apply(options.SerializerOptions));

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new UtcMillisecondsConverter());
        options.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default);
        options.TypeInfoResolverChain.Insert(1, GrainsJsonContext.Default);
    }
}
