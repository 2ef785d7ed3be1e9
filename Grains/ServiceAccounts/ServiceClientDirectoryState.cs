using System.Text.Json.Serialization;
using Grains.Interfaces;

namespace Grains;

/// <summary>The persisted state of the <see cref="ServiceClientDirectoryGrain"/>. Property names are stored: never rename them.</summary>
public sealed class ServiceClientDirectoryState
{
    /// <summary>Every client as it last recorded itself, by client id.</summary>
    [JsonPropertyName("clients")]
    public Dictionary<Guid, ServiceClientView> Clients { get; set; } = [];
}
