using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadGen;

/// <summary>The measured phase, summed up: throughput, latency percentiles per request kind, errors, server use.</summary>
internal sealed record Report(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("target_rate")] double TargetRate,
    [property: JsonPropertyName("duration_s")] double DurationSeconds,
    [property: JsonPropertyName("scheduled")] long Scheduled,
    [property: JsonPropertyName("not_sent")] long NotSent,
    [property: JsonPropertyName("completed")] long Completed,
    [property: JsonPropertyName("throughput_rps")] double Throughput,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("statuses")] Dictionary<string, long> Statuses,
    [property: JsonPropertyName("latency_ms")] Dictionary<string, Percentiles> Latency,
    [property: JsonPropertyName("send_lag_ms")] Percentiles SendLag,
    [property: JsonPropertyName("server_cores")] double? ServerCores,
    [property: JsonPropertyName("server_peak_rss_mb")] double? ServerPeakRssMb,
    [property: JsonPropertyName("started_utc")] DateTime StartedUtc,
    [property: JsonPropertyName("loadgen_gc_pause_ms")] double OwnGcPauseMs,
    [property: JsonPropertyName("loadgen_cores")] double OwnCores,
    [property: JsonPropertyName("timeline")] IReadOnlyList<Second> Timeline)
{
    public static Report From(Options options, PhaseResult phase, ServerSampler? sampler)
    {
        var latency = new Dictionary<string, Percentiles>(StringComparer.Ordinal)
        {
            ["all"] = Percentiles.Of(phase.LatenciesMs.Where(l => !double.IsNaN(l))),
        };
        foreach (var kind in phase.Kinds.Where(k => k is not null).Distinct())
        {
            latency[kind] = Percentiles.Of(phase.LatenciesMs.Where((l, i) => phase.Kinds[i] == kind && !double.IsNaN(l)));
        }

        var completed = phase.Statuses.Values.Sum();
        var errors = phase.Statuses.Where(s => !s.Key.EndsWith(":200", StringComparison.Ordinal) && !s.Key.EndsWith(":201", StringComparison.Ordinal)).Sum(s => s.Value);
        return new Report(
            options.Scenario,
            options.Rate,
            options.Duration.TotalSeconds,
            phase.Scheduled,
            phase.NotSent,
            completed,
            completed / phase.Took.TotalSeconds,
            errors,
            phase.Statuses,
            latency,
            Percentiles.Of(phase.SendLagsMs.Where(l => !double.IsNaN(l))),
            sampler?.CoresUsed(),
            sampler is null ? null : sampler.PeakRssKib / 1024.0,
            phase.StartedUtc,
            phase.OwnGcPause.TotalMilliseconds,
            phase.OwnCpu / phase.Took,
            Second.Timeline(phase.LatenciesMs, options.Rate));
    }

    public string ToLine()
    {
        var all = Latency["all"];
        var line = FormattableString.Invariant(
            $"{Scenario} rate={TargetRate:F0} rps={Throughput:F1} p50_ms={all.P50:F2} p95_ms={all.P95:F2} p99_ms={all.P99:F2} max_ms={all.Max:F2} completed={Completed} errors={Errors} not_sent={NotSent}");
        if (ServerCores is { } cores)
        {
            line += FormattableString.Invariant($" server_cores={cores:F2} server_peak_rss_mb={ServerPeakRssMb:F0}");
        }

        foreach (var (kind, percentiles) in Latency.Where(l => l.Key != "all"))
        {
            line += FormattableString.Invariant($" {kind}_p99_ms={percentiles.P99:F2}");
        }

        line += FormattableString.Invariant($" send_lag_p50_ms={SendLag.P50:F2} send_lag_p99_ms={SendLag.P99:F2} loadgen_gc_pause_ms={OwnGcPauseMs:F0} loadgen_cores={OwnCores:F2}");
        return line + " statuses=" + string.Join(',', Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => FormattableString.Invariant($"{s.Key}={s.Value}")));
    }

    public string ToJson() => JsonSerializer.Serialize(this, ReportJsonContext.Default.Report);
}

internal sealed record Percentiles(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p95")] double P95,
    [property: JsonPropertyName("p99")] double P99,
    [property: JsonPropertyName("max")] double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }
}

/// <summary>
/// The requests that were due in one second of the measured phase (second 0 starts at <see cref="Report.StartedUtc"/>):
/// whether a tail comes from a few stalls or from every second.
/// </summary>
internal sealed record Second(
    [property: JsonPropertyName("second")] int Index,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("p99")] double P99,
    [property: JsonPropertyName("max")] double Max)
{
    public static IReadOnlyList<Second> Timeline(double[] latenciesMs, double rate)
    {
        // Request i was due i / rate seconds into the phase.
        var seconds = new List<Second>();
        foreach (var due in Enumerable.Range(0, latenciesMs.Length).GroupBy(i => (int)(i / rate)))
        {
            var of = Percentiles.Of(due.Select(i => latenciesMs[i]).Where(l => !double.IsNaN(l)));
            seconds.Add(new Second(due.Key, of.Count, of.P99, of.Max));
        }

        return seconds;
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(Report))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
