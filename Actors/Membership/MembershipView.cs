using Actors.Hosting;
using Actors.Runtime;
using Microsoft.Extensions.Options;

namespace Actors.Membership;

/// <summary>
/// This process's view of the active silos: rows marked active whose heartbeat is fresher than the
/// suspicion timeout. Re-read periodically, and at once when a call finds the view stale.
/// </summary>
internal sealed class MembershipView(IMembershipTable table, TimeProvider time, IOptions<MembershipOptions> options) : IClusterView
{
    private static readonly TimeSpan MinimumForcedInterval = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly MembershipOptions _options = options.Value;
    private volatile MembershipSnapshot _current = MembershipSnapshot.Empty;

    public MembershipSnapshot Current => _current;

    public IReadOnlyList<string> ActiveSiloIds => [.. _current.Silos.Select(s => s.Entry.SiloId)];

    /// <summary>Every row of the last read, whatever its status.</summary>
    public IReadOnlyList<SiloEntry> LastRows { get; private set; } = [];

    /// <summary>Raised after a refresh that changed the set of active silos.</summary>
    public event Action<MembershipSnapshot>? Changed;

    /// <summary>Re-reads the table, unless another caller did so very recently.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var requestedAt = time.GetUtcNow();
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current.ReadAt >= requestedAt - MinimumForcedInterval)
            {
                return;
            }

            var rows = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            LastRows = rows;
            var now = time.GetUtcNow();
            var active = rows
                .Where(r => r.Status == SiloStatus.Active && now - r.HeartbeatAt <= _options.SuspicionTimeout)
                .OrderBy(r => r.SiloId, StringComparer.Ordinal)
                .Select(r => new ActiveSilo(r, RendezvousPlacement.Hash(r.SiloId)))
                .ToList();
            var previous = _current;
            var changed = !previous.Silos.Select(s => s.Entry.SiloId).SequenceEqual(active.Select(s => s.Entry.SiloId));
            _current = new MembershipSnapshot(active, now);
            if (changed)
            {
                Changed?.Invoke(_current);
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
