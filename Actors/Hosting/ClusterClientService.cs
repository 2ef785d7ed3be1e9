using Actors.Membership;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>Keeps a cluster client's view of the active silos fresh.</summary>
internal sealed partial class ClusterClientService(
    MembershipView view,
    IOptions<MembershipOptions> options,
    TimeProvider time,
    ILogger<ClusterClientService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshPeriod, time);
        do
        {
            try
            {
                await view.RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the membership table: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
