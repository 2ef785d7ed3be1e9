using BenchmarkDotNet.Running;
using Grains.Bench;

// dotnet run -c Release --project bench/Grains.Bench -- --filter '*'            (measured)
// dotnet run -c Release --project bench/Grains.Bench -- --filter '*' --job dry  (quick validation)
// dotnet run -c Release --project bench/Grains.Bench -- memory [CONVERSATIONS] [USERS]  (memory of active grains)
if (args is ["memory", ..])
{
    await Grains.Bench.Memory.ActiveGrainsMemory.RunAsync(args);
    return;
}

var (config, arguments) = BenchConfig.For(args);
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(arguments, config);
