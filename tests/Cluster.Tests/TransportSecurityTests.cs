using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Cluster.Tests;

/// <summary>
/// Mutual TLS (Transport:*, through Microsoft.Orleans.Connections.Security) between silo processes and a
/// gateway process: members of the cluster's CA get through, a plain-TCP peer and a certificate from
/// another authority do not.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TransportSecurityTests(PostgresFixture postgres) : IDisposable
{
    private readonly TestCertificates _cluster = new("cluster");
    private readonly TestCertificates _stranger = new("stranger");

    [Fact]
    public async Task MutualTlsAdmitsMembersOfTheClusterAuthorityOnly()
    {
        await using var cluster = await MessagingCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 2, gateways: 1, _cluster.Settings());
        using var load = await MessageLoad.PrepareAsync([cluster.Gateways[0].HttpAddress], users: 4, conversations: 4);
        var report = await load.RunAsync(senders: 4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), disrupted =>
        {
            disrupted();
            return Task.CompletedTask;
        });
        Assert.Empty(report.Failures);
        Assert.NotEmpty(report.Acks);

        // A plain-TCP peer on the silo's client port: the silo expects a TLS handshake and drops it.
        using var http = new HttpClient();
        var silo = await http.GetFromJsonAsync<JsonObject>(new Uri(cluster.Silos[0].HttpAddress, "/silo"));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, silo!["gateway_port"]!.GetValue<int>());
        await socket.SendAsync("plain text is not a TLS client hello\r\n\r\n"u8.ToArray());
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await ReceiveUntilClosedAsync(socket, wait.Token);

        // A gateway whose certificate another authority signed never gets a connection to the silos.
        await using var intruder = ServiceProcess.Launch("gateway-foreign-ca", "Gateway.Api", new Dictionary<string, string>(cluster.SharedSettings)
        {
            ["Messaging__Mode"] = "cluster",
            ["Messaging__ConnectionString"] = cluster.ConnectionString,
            ["Jwt__SigningKey"] = Convert.ToBase64String(new byte[48]),
            ["Transport__CertificatePath"] = _stranger.MemberPath,
            ["Transport__CaCertificatePath"] = _cluster.AuthorityPath,
        });
        Assert.False(await intruder.BecomesReadyWithinAsync(TimeSpan.FromSeconds(15)), $"a foreign certificate got through:\n{intruder.Output}");
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _stranger.Dispose();
    }

    /// <summary>Reads until the peer closes the connection (at most a TLS alert arrives); cancelled if it stays open.</summary>
    private static async Task ReceiveUntilClosedAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Reset by the peer: closed as well.
        }
    }
}
