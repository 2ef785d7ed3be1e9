using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Grains.Bench;

/// <summary>
/// How the benchmarks run. Every job runs in this process (the in-process emit toolchain): silos, sockets
/// and servers start once per benchmark case in [GlobalSetup], and no separate benchmark project is
/// generated and built under the repository's strict build settings.
/// </summary>
public static class BenchConfig
{
    /// <summary>
    /// The measured job: one launch, 3 warmup and 10 measured iterations of about 0.5 s. The whole suite
    /// then takes a few minutes on 2 cores, much of it silo and PostgreSQL start-up.
    /// </summary>
    public static Job MeasuredJob { get; } = Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithId("InProcess");

    /// <summary>
    /// The configuration for these arguments. With <c>--job</c> (e.g. <c>--job dry</c> to validate quickly)
    /// the job comes from the command line, made in-process here; without it, <see cref="MeasuredJob"/>.
    /// </summary>
    public static (IConfig Config, string[] Arguments) For(string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var config = DefaultConfig.Instance;
        if (arguments.Any(a => a is "--job" or "-j"))
        {
            return (config, arguments.Contains("--inProcess") ? arguments : [.. arguments, "--inProcess"]);
        }

        return (config.AddJob(MeasuredJob), arguments);
    }
}
