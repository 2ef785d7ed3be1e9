using System.Text.Json.Serialization;
using Orleans.Runtime;

namespace Silo;

/// <summary>The body of GET /silo: this silo as Orleans' membership and management grain see it.</summary>
internal sealed record SiloInfo(
    [property: JsonPropertyName("silo_id")] string SiloId,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("gateway_port")] int GatewayPort,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("serving")] bool Serving,
    [property: JsonPropertyName("activations")] int Activations)
{
    public static async Task<SiloInfo> GetAsync(ILocalSiloDetails silo, ISiloStatusOracle membership, IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([silo.SiloAddress]);
        var status = membership.CurrentStatus;
        return new SiloInfo(
            silo.Name,
            silo.SiloAddress.ToString(),
            silo.SiloAddress.Endpoint.Port,
            silo.GatewayAddress?.Endpoint.Port ?? 0,
            status.ToString(),
            status == SiloStatus.Active,
            statistics.Where(s => !s.GrainType.StartsWith("Orleans", StringComparison.Ordinal)).Sum(s => s.ActivationCount));
    }
}
