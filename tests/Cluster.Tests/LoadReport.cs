namespace Cluster.Tests;

/// <summary>What a load run saw: every acknowledged send, every failed attempt, and when the disruption happened.</summary>
public sealed class LoadReport
{
    public List<Ack> Acks { get; } = [];

    public List<(Guid ConversationId, DateTime At, string Reason)> Failures { get; } = [];

    /// <summary>Per conversation, when each successful attempt started and ended.</summary>
    public List<(Guid ConversationId, DateTime Started, DateTime Ended)> Successes { get; } = [];

    public DateTime? DisruptedAt { get; set; }

    /// <summary>
    /// For each conversation that felt the disruption (a failed attempt, or a success that took over a
    /// second, after it): the time from the disruption to the end of its first success that started
    /// after the first such symptom.
    /// </summary>
    public IReadOnlyDictionary<Guid, TimeSpan> UnavailabilityWindows()
    {
        if (DisruptedAt is not { } at)
        {
            return new Dictionary<Guid, TimeSpan>();
        }

        var symptoms = Failures.Where(f => f.At >= at).Select(f => (f.ConversationId, At: f.At))
            .Concat(Successes.Where(s => s.Ended >= at && s.Ended - s.Started > TimeSpan.FromSeconds(1)).Select(s => (s.ConversationId, At: s.Started)))
            .GroupBy(s => s.ConversationId)
            .ToDictionary(g => g.Key, g => g.Min(s => s.At));
        return symptoms.ToDictionary(
            s => s.Key,
            s => Successes
                .Where(success => success.ConversationId == s.Key && success.Started >= s.Value)
                .Select(success => success.Ended)
                .DefaultIfEmpty(DateTime.MaxValue)
                .Min() - at);
    }
}
