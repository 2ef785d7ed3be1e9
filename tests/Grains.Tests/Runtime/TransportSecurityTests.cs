using System.Buffers;
using System.Net.Sockets;
using Actors;
using Actors.Hosting;
using Actors.Serialization;
using Actors.Testing;
using Actors.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grains.Tests.Runtime;

/// <summary>Grain calls over mutual TLS: members of the cluster's CA get through, nothing else does.</summary>
public sealed class TransportSecurityTests : IDisposable
{
    private readonly TestCertificates _cluster = new("cluster");
    private readonly TestCertificates _stranger = new("stranger");

    [Fact]
    public async Task SilosAndClientsCallGrainsOverMutualTls()
    {
        await using var cluster = await StartClusterAsync();
        var keys = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();

        foreach (var factory in cluster.Silos.Select(s => s.GrainFactory).Append(cluster.Client))
        {
            var results = await Task.WhenAll(keys.Select(k => factory.GetGrain<IProbeGrain>(k).AddAsync(1, 0)));
            Assert.True(results.Select(r => r.SiloId).Distinct().Count() > 1, "calls should reach grains on both silos");
        }

        var totals = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<IProbeGrain>(k).ReadAsync(0)));
        Assert.All(totals, r => Assert.Equal(3, r.Value));
    }

    [Fact]
    public async Task PlainTcpPeerGetsNoGrainCallThrough()
    {
        await using var cluster = await StartClusterAsync();
        var key = Guid.NewGuid();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", cluster.Silos[0].Status.Port);

        var request = new GrowableBuffer();
        FrameCodec.BeginRequest(request, 1, new GrainId("probe", key.ToString("D")), nameof(IProbeGrain.AddAsync));
        request.Write("[5,0]"u8);
        FrameCodec.Complete(request);
        await socket.SendAsync(request.WrittenSpan.ToArray());

        // The silo expects a TLS handshake and closes the connection; the call never runs.
        var answer = new byte[256];
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var received = await ReceiveUntilClosedAsync(socket, answer, wait.Token);
        Assert.Equal(0, received);
        Assert.Equal(0, (await cluster.Client.GetGrain<IProbeGrain>(key).ReadAsync(0)).Value);
    }

    [Fact]
    public async Task CertificateFromAnotherAuthorityIsRefused()
    {
        await using var cluster = await StartClusterAsync();
        var port = cluster.Silos[0].Status.Port;

        // The same request with the cluster's own certificate is answered...
        await ReadProbeAsync(Security(_cluster.MemberPath), port);

        // ...and with a certificate that another authority signed, the silo refuses the handshake.
        var error = await Record.ExceptionAsync(() => ReadProbeAsync(Security(_stranger.MemberPath), port));
        Assert.NotNull(error);
        Assert.IsNotType<TimeoutException>(error);
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _stranger.Dispose();
    }

    private TransportSecurity Security(string certificatePath) =>
        new(Options.Create(new TransportOptions
        {
            CertificatePath = certificatePath,
            CertificatePassword = TestCertificates.Password,
            CaCertificatePath = _cluster.AuthorityPath,
        }));

    private static async Task ReadProbeAsync(TransportSecurity security, int port)
    {
        await using var connection = await SiloConnection.ConnectAsync(
            "test-peer", "127.0.0.1", port, TimeSpan.FromSeconds(5), security, CancellationToken.None);
        var id = connection.NextCorrelationId();
        var request = new GrowableBuffer();
        FrameCodec.BeginRequest(request, id, new GrainId("probe", Guid.NewGuid().ToString("D")), nameof(IProbeGrain.ReadAsync));
        request.Write("[0]"u8);
        FrameCodec.Complete(request);
        var response = await connection.SendAsync(id, request).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(response.Status is ResponseStatus.Ok or ResponseStatus.Moved, $"unexpected {response.Status}");
    }

    private static async Task<int> ReceiveUntilClosedAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            var total = 0;
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return total;
                }

                total += read;
            }
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    private Task<TestCluster> StartClusterAsync() =>
        TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = 2,
            ConfigureServices = services => services
                .AddSingleton(new ProbeEvents())
                .AddGrain<IProbeGrain, ProbeGrain>()
                .AddGrainSerializer(ProbeJsonContext.Default),
            ConfigureTransport = o =>
            {
                o.CertificatePath = _cluster.MemberPath;
                o.CertificatePassword = TestCertificates.Password;
                o.CaCertificatePath = _cluster.AuthorityPath;
            },
        });
}
