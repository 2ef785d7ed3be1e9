using Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Grains.Tests.Clusters;

/// <summary>The test cluster's client waits for answers as long as the gateway's client does.</summary>
public sealed class MessagingClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        ClusterTuning.ConfigureClient(clientBuilder.Services, configuration);
}
